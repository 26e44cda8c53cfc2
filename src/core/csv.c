#include "core/csv.h"

#include "core/arena.h"
#include "core/err.h"
#include "core/sb.h"
#include "core/utf8.h"

#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

struct csv_reader {
	gzFile file;
	char *path;
	unsigned long line;
	char buf[CSV_LINE_MAX + 2];
	char field_buf[CSV_LINE_MAX + CSV_FIELDS_MAX];
};

int csv_open(const char *path, struct csv_reader **out, struct err *e)
{
	gzFile f = gzopen(path, "rb");
	if (!f)
		return err_set(e, "%s: %s", path,
			       errno ? strerror(errno) : "cannot open");
	gzbuffer(f, 256 * 1024);
	struct csv_reader *r = calloc(1, sizeof *r);
	if (!r)
		abort();
	r->file = f;
	r->path = strdup(path);
	if (!r->path)
		abort();
	*out = r;
	return 0;
}

void csv_close(struct csv_reader *r)
{
	if (!r)
		return;
	gzclose(r->file);
	free(r->path);
	free(r);
}

size_t csv_offset(struct csv_reader *r)
{
	z_off_t off = gzoffset(r->file);
	return off < 0 ? 0 : (size_t)off;
}

/* Reads one physical line into r->buf; returns its length, 0 at the end,
 * -1 on an error.  *newline says whether it ended with '\n'. */
static long read_line(struct csv_reader *r, int *newline, struct err *e)
{
	if (!gzgets(r->file, r->buf, sizeof r->buf)) {
		int code;
		const char *msg = gzerror(r->file, &code);
		if (code != Z_OK && code != Z_STREAM_END)
			return err_set(e, "%s: line %lu: %s", r->path,
				       r->line + 1, msg);
		return 0;
	}
	r->line++;
	size_t len = strlen(r->buf);
	*newline = len && r->buf[len - 1] == '\n';
	if (!*newline && len == sizeof r->buf - 1)
		return err_set(e, "%s: line %lu: longer than %d bytes", r->path,
			       r->line, CSV_LINE_MAX);
	return (long)len;
}

int csv_next(struct csv_reader *r, struct csv_row *row, struct err *e)
{
	int newline = 0;
	long len = read_line(r, &newline, e);
	if (len <= 0)
		return (int)len;
	row->line = r->line;
	row->field_count = 0;
	char *out = r->field_buf;
	char *end = r->field_buf + sizeof r->field_buf - 1;
	char *p = r->buf;
	row->fields[row->field_count++] = out;
	int quoted = 0;
	for (;;) {
		char c = *p;
		if (c == '\0') {
			if (!quoted)
				break;
			/* A quoted field may span lines. */
			long more = read_line(r, &newline, e);
			if (more < 0)
				return -1;
			if (more == 0)
				return err_set(e,
					       "%s: line %lu: a quoted field is "
					       "not closed (the file may be cut "
					       "short)",
					       r->path, row->line);
			p = r->buf;
			continue;
		}
		p++;
		if (quoted) {
			if (c == '"' && *p == '"') {
				p++;
			} else if (c == '"') {
				quoted = 0;
				continue;
			}
		} else if (c == '"') {
			quoted = 1;
			continue;
		} else if (c == ',') {
			*out++ = '\0';
			if (row->field_count == CSV_FIELDS_MAX)
				return err_set(e, "%s: line %lu: more than %d "
						  "fields",
					       r->path, row->line,
					       CSV_FIELDS_MAX);
			row->fields[row->field_count++] = out;
			continue;
		} else if (c == '\n' || (c == '\r' && *p == '\n')) {
			continue;
		}
		if (out == end)
			return err_set(e, "%s: line %lu: row too long", r->path,
				       row->line);
		*out++ = c;
	}
	*out = '\0';
	row->ends_with_newline = newline;
	return 1;
}

/* The first characters that make a spreadsheet read a cell as a formula:
 * = + - @ and, because it skips them before looking, tab and CR. */
static bool runs_as_formula(const char *s)
{
	return s[0] && strchr("=+-@\t\r", s[0]);
}

static void write_cell(struct sb *out, const char *s)
{
	sb_putc(out, '"');
	if (runs_as_formula(s))
		sb_putc(out, '\'');
	for (; *s; s++) {
		if (*s == '"')
			sb_putc(out, '"');
		sb_putc(out, *s);
	}
	sb_putc(out, '"');
}

void csv_write_row(struct sb *out, const char *const *cells, size_t count)
{
	for (size_t i = 0; i < count; i++) {
		if (i)
			sb_putc(out, ',');
		write_cell(out, cells[i] ? cells[i] : "");
	}
	sb_puts(out, "\r\n");
}

/* The line of the first byte of text[0..len) that is not UTF-8, or 0.  A
 * line break is never part of a longer UTF-8 sequence, so lines can be
 * checked one by one. */
static unsigned long first_bad_line(const char *text, size_t len)
{
	unsigned long line = 1;
	size_t start = 0;
	for (size_t i = 0; i <= len; i++) {
		if (i < len && text[i] != '\n')
			continue;
		if (!utf8_valid(text + start, i - start))
			return line;
		line++;
		start = i + 1;
	}
	return 0;
}

static bool ends_record(char c)
{
	return c == '\n' || c == '\r';
}

struct text_reader {
	const char *text;
	size_t len;
	size_t at;
	unsigned long line;
	char *out;                     /* where the next field's bytes go */
};

/* Consumes a line ending (CRLF, LF or CR) at r->at, if there is one. */
static void skip_line_end(struct text_reader *r)
{
	if (r->at < r->len && r->text[r->at] == '\r')
		r->at++;
	else if (r->at < r->len && r->text[r->at] == '\n')
		r->at++;
	else
		return;
	if (r->at < r->len && r->text[r->at - 1] == '\r' && r->text[r->at] == '\n')
		r->at++;
	r->line++;
}

/* Reads one field at r->at into r->out; *quoted says it was quoted. */
static int read_field(struct text_reader *r, bool *quoted, struct err *e)
{
	unsigned long starts = r->line;
	*quoted = r->at < r->len && r->text[r->at] == '"';
	if (!*quoted) {
		for (; r->at < r->len && r->text[r->at] != ',' && !ends_record(r->text[r->at]);
		     r->at++) {
			if (r->text[r->at] == '"')
				return err_field(e, NULL,
						 "Line %lu: a quote inside a field that does not "
						 "start with one: put the whole field in quotes "
						 "and double the quote (\"\")",
						 r->line);
			*r->out++ = r->text[r->at];
		}
		*r->out++ = '\0';
		return RESULT_OK;
	}
	r->at++;
	for (;;) {
		if (r->at == r->len)
			return err_field(e, NULL,
					 "Line %lu: a quoted field is not closed (the file "
					 "may be cut short)",
					 starts);
		char c = r->text[r->at];
		if (c == '"' && r->at + 1 < r->len && r->text[r->at + 1] == '"') {
			*r->out++ = '"';
			r->at += 2;
		} else if (c == '"') {
			r->at++;
			break;
		} else if (ends_record(c)) {
			skip_line_end(r);
			*r->out++ = '\n';
		} else {
			*r->out++ = c;
			r->at++;
		}
	}
	*r->out++ = '\0';
	if (r->at < r->len && r->text[r->at] != ',' && !ends_record(r->text[r->at]))
		return err_field(e, NULL,
				 "Line %lu: text after a closing quote: put the whole "
				 "field in quotes and double any quote inside (\"\")",
				 r->line);
	return RESULT_OK;
}

int csv_parse(struct arena *a, const char *text, size_t len, size_t max_records,
	      struct csv_record **out, size_t *count, struct err *e)
{
	*out = NULL;
	*count = 0;
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
		text += 3;
		len -= 3;
	}
	unsigned long bad = first_bad_line(text, len);
	if (bad)
		return err_field(e, NULL,
				 "The file is not UTF-8 text (line %lu): save it from the "
				 "spreadsheet as \"CSV UTF-8\"",
				 bad);
	/* Every field's bytes and its NUL fit in the text's bytes and one
	 * more: a NUL takes the place of the comma or line end after it. */
	struct text_reader r = {text, len, 0, 1, arena_alloc(a, len + 1)};
	struct csv_record *records = NULL;
	size_t record_cap = 0, record_count = 0;
	unsigned long row = 0;
	while (r.at < len) {
		struct csv_record rec = {NULL, 0, r.line, ++row};
		size_t field_cap = 0;
		bool quoted = false;
		for (;;) {
			char *field = r.out;
			if (read_field(&r, &quoted, e) != RESULT_OK)
				return RESULT_INVALID;
			rec.fields = arena_grow(a, rec.fields, rec.field_count, &field_cap,
						  sizeof *rec.fields);
			rec.fields[rec.field_count++] = field;
			if (r.at == len || r.text[r.at] != ',')
				break;
			r.at++;
		}
		skip_line_end(&r);
		if (rec.field_count == 1 && !quoted && rec.fields[0][0] == '\0')
			continue;
		if (record_count == max_records)
			return err_field(e, NULL, "Line %lu: more than %zu rows", rec.line,
					 max_records);
		records = arena_grow(a, records, record_count, &record_cap, sizeof *records);
		records[record_count++] = rec;
	}
	*out = records;
	*count = record_count;
	return RESULT_OK;
}
