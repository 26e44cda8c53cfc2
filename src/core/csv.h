#ifndef ALONGSIDE_CORE_CSV_H
#define ALONGSIDE_CORE_CSV_H

#include <stddef.h>

struct arena;
struct err;
struct sb;

/*
 * Reads CSV (RFC 4180: commas, double-quoted fields with "" for a quote,
 * CRLF or LF) from a plain or gzip-compressed file, one row at a time, with
 * the line number of each row for messages.  A line longer than
 * CSV_LINE_MAX, more than CSV_FIELDS_MAX fields, or a quoted field left open
 * at the end of the file is an error naming the line.
 */

#define CSV_LINE_MAX (64 * 1024)
#define CSV_FIELDS_MAX 64

struct csv_reader;

struct csv_row {
	size_t field_count;
	char *fields[CSV_FIELDS_MAX];  /* valid until the next csv_next */
	unsigned long line;            /* where the row starts, from 1 */
	int ends_with_newline;         /* 0 only for a last line cut short */
};

int csv_open(const char *path, struct csv_reader **out, struct err *e);
void csv_close(struct csv_reader *r);

/* 1 with a row, 0 at the end of the file, -1 on an error. */
int csv_next(struct csv_reader *r, struct csv_row *row, struct err *e);

/* Bytes of the file (compressed, for gzip) read so far, for progress. */
size_t csv_offset(struct csv_reader *r);

/*
 * Writes one row of an export that people open in a spreadsheet: count
 * cells (NULL is empty), separated by commas, ended by CRLF.  Every cell
 * is quoted, with its quotes doubled (RFC 4180), so commas, quotes and
 * line breaks stay inside it.  A cell starting with =, +, -, @, tab or
 * carriage return, which a spreadsheet would read as a formula, gets a
 * single quote before it, inside the quotes (OWASP's advice on CSV
 * injection): it is shown as text and never run.
 */
void csv_write_row(struct sb *out, const char *const *cells, size_t count);

/*
 * Reads CSV text held whole in memory (a file a person chose or pasted):
 * RFC 4180, with CRLF, LF or a lone CR ending a record, and line breaks
 * inside quoted fields kept as LF.  A UTF-8 byte order mark at the start,
 * which spreadsheets write, is skipped; empty lines are skipped, but
 * counted in each record's row, the number a spreadsheet shows.  The text
 * must be UTF-8: otherwise RESULT_INVALID saying so, with the line of the
 * first byte that is not.  A quote inside an unquoted field, text after a
 * closing quote, a quoted field left open, or more than max_records
 * records is RESULT_INVALID naming the line (e's one field error, path
 * NULL).  The records and their fields are in the arena.
 */
struct csv_record {
	char **fields;
	size_t field_count;
	unsigned long line;            /* where it starts, from 1 */
	unsigned long row;             /* the spreadsheet's row, from 1: empty
					* lines and multi-line fields count one */
};

int csv_parse(struct arena *a, const char *text, size_t len, size_t max_records,
	      struct csv_record **out, size_t *count, struct err *e);

#endif
