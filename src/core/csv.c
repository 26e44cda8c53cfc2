#include "core/csv.h"

#include "core/err.h"
#include "core/sb.h"

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
