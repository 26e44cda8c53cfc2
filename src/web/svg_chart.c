/* Report charts as inline SVG: bars, lines over months, stacked bars. */
#include "web/svg_chart.h"

#include "core/arena.h"
#include "core/sb.h"
#include "domain/reports/report.h"
#include "web/html.h"
#include "web/report_csv.h"

#include <math.h>
#include <stdbool.h>

#define WIDTH 640
/* Text is 18 units high: the 640-unit drawing shrinks to about 360
 * pixels on a phone, which leaves it near 10 pixels, still readable. */
#define FONT 18
#define ROW_HEIGHT 50   /* a label line, then the bar under it */
#define BAR_HEIGHT 18
#define BAR_MAX 440     /* the longest bar, leaving room for its figure */
#define LEGEND_HEIGHT 24

/* GOV.UK colours, each 3:1 or more against white (WCAG 1.4.11): blue,
 * dark grey, red, green, purple, dark blue, pink.  The second is
 * neutral, so in "moved up, stayed the same, moved down" staying the
 * same never reads as bad; only the third, moving down, is red. */
static const char *const colours[] = {"#1d70b8", "#505a5f", "#d4351c", "#00703c",
				      "#4c2c92", "#003078", "#d53880"};
#define COLOURS (sizeof colours / sizeof *colours)

static size_t data_rows(const struct report_table *t)
{
	return t->total_row && t->rows ? t->rows - 1 : t->rows;
}

static size_t data_columns(const struct report_table *t)
{
	return t->total_column && t->column_count ? t->column_count - 1 : t->column_count;
}

/* A cell the chart may draw by its value. */
static bool drawable(const struct report_cell *c)
{
	return c->kind != CELL_NONE && c->kind != CELL_TEXT && !report_cell_held_back(c) &&
	       c->value >= 0;
}

/* A column of figures (not the labels): one holding any figure at all. */
static bool figure_column(const struct report_table *t, size_t column)
{
	for (size_t r = 0; r < t->rows; r++)
		if (report_cell_at(t, r, column)->kind != CELL_TEXT)
			return true;
	return false;
}

/* What a column holds: the kind of its first figure. */
static enum report_cell_kind column_kind(const struct report_table *t, size_t column)
{
	for (size_t r = 0; r < t->rows; r++) {
		enum report_cell_kind k = report_cell_at(t, r, column)->kind;
		if (k != CELL_TEXT && k != CELL_NONE)
			return k;
	}
	return CELL_NONE;
}

/* A column drawn as a series: a column of figures, and on a line chart
 * (report.h) chart_column and the columns after it measured as it is
 * (shares with shares, days with days), so one axis never mixes a
 * percentage with a count. */
static bool series_column(const struct report_table *t, size_t column)
{
	if (!figure_column(t, column))
		return false;
	/* Stacked bars add up parts: only counts stack (a mean beside them
	 * is no part of the whole). */
	if (t->chart == CHART_STACKED)
		return column_kind(t, column) == CELL_COUNT;
	if (t->chart != CHART_LINES || t->chart_column == 0 || t->chart_column >= t->column_count)
		return true;
	return column >= t->chart_column &&
	       column_kind(t, column) == column_kind(t, t->chart_column);
}

static const char *row_label(const struct report_table *t, size_t row)
{
	const struct report_cell *c = report_cell_at(t, row, 0);
	return c->kind == CELL_TEXT && c->text ? c->text : "";
}

static int scaled(double value, double max, int length)
{
	return max > 0 ? (int)lround(value / max * length) : 0;
}

/* The picture is named in a few words only: the table after it is read
 * in full anyway, so pointing at it would read every figure twice. */
static void begin(struct sb *out, const struct report_table *t, const char *id, int height)
{
	html_printf(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"app-chart\" id=\"%s\" "
			 "viewBox=\"0 0 %d %d\" role=\"img\" aria-labelledby=\"%s-title\" "
			 "font-family=\"Arial, sans-serif\" font-size=\"%d\">\n"
			 "<title id=\"%s-title\">%s%s%s</title>\n",
		    id, WIDTH, height, id, FONT, id, t->title, t->chart_caption ? ": " : "",
		    t->chart_caption ? t->chart_caption : "");
}

/* The room a legend key takes: its swatch, and its name at about 10
 * units a character (the font's widest letters at size 18), and a gap. */
static int legend_width(const char *name)
{
	size_t len = 0;
	for (const char *p = name; *p; p++)
		len += ((unsigned char)*p & 0xc0) != 0x80;
	return 30 + (int)len * 10 + 20;
}

/* The legend's keys in a row: a swatch (and, for lines, the marker) and
 * the column's name. */
static void marker(struct sb *out, size_t series, int x, int y);

static void legend(struct sb *out, const struct report_table *t, int y, bool markers)
{
	int x = 0;
	size_t s = 0;
	for (size_t c = 1; c < data_columns(t); c++) {
		if (!series_column(t, c))
			continue;
		const char *colour = colours[s % COLOURS];
		int width = legend_width(t->columns[c]);
		if (x > 0 && x + width > WIDTH) {
			x = 0;
			y += LEGEND_HEIGHT;
		}
		if (markers) {
			html_printf(out, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" "
					 "stroke-width=\"2\"/>",
				    x, y - 5, x + 24, y - 5, colour);
			html_printf(out, "<g fill=\"%s\">", colour);
			marker(out, s, x + 12, y - 5);
			html_printf(out, "</g>");
		} else {
			html_printf(out, "<rect x=\"%d\" y=\"%d\" width=\"18\" height=\"16\" "
					 "fill=\"%s\"/>",
				    x, y - 14, colour);
		}
		html_printf(out, "<text x=\"%d\" y=\"%d\" fill=\"#0b0c0c\">%s</text>\n", x + 30, y,
			    t->columns[c]);
		x += width;
		s++;
	}
}

static int legend_rows(const struct report_table *t)
{
	int x = 0, rows = 1;
	for (size_t c = 1; c < data_columns(t); c++) {
		if (!series_column(t, c))
			continue;
		int width = legend_width(t->columns[c]);
		if (x > 0 && x + width > WIDTH) {
			x = 0;
			rows++;
		}
		x += width;
	}
	return rows;
}

static void bars(struct sb *out, struct arena *a, const struct report_table *t, const char *id)
{
	size_t rows = data_rows(t);
	size_t col = t->chart_column < t->column_count ? t->chart_column : 0;
	double max = 0;
	for (size_t r = 0; r < rows; r++) {
		const struct report_cell *c = report_cell_at(t, r, col);
		if (drawable(c) && c->value > max)
			max = c->value;
	}
	begin(out, t, id, (int)rows * ROW_HEIGHT + 8);
	for (size_t r = 0; r < rows; r++) {
		const struct report_cell *c = report_cell_at(t, r, col);
		int y = (int)r * ROW_HEIGHT;
		html_printf(out, "<text x=\"0\" y=\"%d\" fill=\"#0b0c0c\">%s</text>\n", y + 18,
			    row_label(t, r));
		if (drawable(c)) {
			int len = scaled(c->value, max, BAR_MAX);
			html_printf(out, "<rect x=\"0\" y=\"%d\" width=\"%d\" height=\"%d\" "
					 "fill=\"%s\"/>"
					 "<text x=\"%d\" y=\"%d\" fill=\"#0b0c0c\" font-weight=\"bold\">"
					 "%s</text>\n",
				    y + 26, len, BAR_HEIGHT, colours[0], len + 6, y + 42,
				    report_cell_text(a, c));
		} else {
			/* Absent: its words in place of a bar, never its value. */
			html_printf(out, "<text x=\"0\" y=\"%d\" fill=\"#505a5f\" "
					 "font-style=\"italic\">%s</text>\n",
				    y + 42, report_cell_text(a, c));
		}
	}
	html_printf(out, "</svg>\n");
}

/* A distinct shape per line (circle, square, triangle, diamond), so lines
 * differ by more than colour. */
static void marker(struct sb *out, size_t series, int x, int y)
{
	switch (series % 4) {
	case 0:
		html_printf(out, "<circle cx=\"%d\" cy=\"%d\" r=\"5\"/>", x, y);
		break;
	case 1:
		html_printf(out, "<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\"/>", x - 5,
			    y - 5);
		break;
	case 2:
		html_printf(out, "<polygon points=\"%d,%d %d,%d %d,%d\"/>", x, y - 6, x + 6, y + 5,
			    x - 6, y + 5);
		break;
	default:
		html_printf(out, "<polygon points=\"%d,%d %d,%d %d,%d %d,%d\"/>", x, y - 6, x + 6,
			    y, x, y + 6, x - 6, y);
		break;
	}
}

#define PLOT_LEFT 64
#define PLOT_RIGHT (WIDTH - 24)
#define PLOT_TOP 16
#define PLOT_BOTTOM 196

static void lines(struct sb *out, struct arena *a, const struct report_table *t, const char *id)
{
	size_t rows = data_rows(t), columns = data_columns(t);
	double max = 0;
	bool gaps = false;
	for (size_t r = 0; r < rows; r++)
		for (size_t c = 1; c < columns; c++) {
			const struct report_cell *cell = report_cell_at(t, r, c);
			if (!series_column(t, c))
				continue;
			if (drawable(cell) && cell->value > max)
				max = cell->value;
			if (!drawable(cell))
				gaps = true;
		}
	int legend_top = PLOT_BOTTOM + 52;
	int height = legend_top + legend_rows(t) * LEGEND_HEIGHT + (gaps ? LEGEND_HEIGHT : 0);
	begin(out, t, id, height);
	/* The axis: shares run 0 to 100% in quarters, so a line is read
	 * against the whole; other figures run 0 to the largest, halved. */
	size_t measured = t->chart_column ? t->chart_column : 1;
	struct report_cell tick = {.kind = column_kind(t, measured < columns ? measured : 1)};
	if (tick.kind == CELL_NONE)
		tick.kind = CELL_COUNT;
	int steps = 2;
	if (tick.kind == CELL_PERCENT) {
		max = 100;
		steps = 4;
	}
	for (int i = 0; i <= steps && (i == 0 || max > 0); i++) {
		int y = PLOT_BOTTOM - (PLOT_BOTTOM - PLOT_TOP) * i / steps;
		tick.value = max * i / steps;
		html_printf(out, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\"/>"
				 "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" font-size=\"16\" "
				 "fill=\"#0b0c0c\">%s</text>\n",
			    PLOT_LEFT, y, PLOT_RIGHT, y, i == 0 ? "#0b0c0c" : "#b1b4b6",
			    PLOT_LEFT - 8, y + 5, i == 0 ? "0" : report_cell_text(a, &tick));
	}
	int span = PLOT_RIGHT - PLOT_LEFT - 40;
	size_t every = rows > 8 ? (rows + 7) / 8 : 1;
	for (size_t r = 0; r < rows; r++) {
		int x = PLOT_LEFT + 20 + (rows > 1 ? (int)(r * (size_t)span / (rows - 1)) : span / 2);
		/* The last month ends at its point, so it is never cut off at
		 * the edge. */
		bool last = rows > 1 && r + 1 == rows;
		if (r % every == 0 || last)
			html_printf(out, "<text x=\"%d\" y=\"%d\" text-anchor=\"%s\" "
					 "font-size=\"15\" fill=\"#0b0c0c\">%s</text>\n",
				    last ? x + 8 : x, PLOT_BOTTOM + 24, last ? "end" : "middle",
				    row_label(t, r));
	}
	size_t s = 0;
	for (size_t c = 1; c < columns; c++) {
		if (!series_column(t, c))
			continue;
		const char *colour = colours[s % COLOURS];
		/* A held-back month breaks the line: it is a gap, never a
		 * guess. */
		bool open = false;
		for (size_t r = 0; r < rows; r++) {
			const struct report_cell *cell = report_cell_at(t, r, c);
			int x = PLOT_LEFT + 20 +
				(rows > 1 ? (int)(r * (size_t)span / (rows - 1)) : span / 2);
			if (!drawable(cell)) {
				if (open)
					html_printf(out, "\"/>\n");
				open = false;
				continue;
			}
			int y = PLOT_BOTTOM - scaled(cell->value, max, PLOT_BOTTOM - PLOT_TOP);
			if (!open)
				html_printf(out, "<polyline fill=\"none\" stroke=\"%s\" "
						 "stroke-width=\"2\" points=\"",
					    colour);
			html_printf(out, "%s%d,%d", open ? " " : "", x, y);
			open = true;
		}
		if (open)
			html_printf(out, "\"/>\n");
		html_printf(out, "<g fill=\"%s\">", colour);
		for (size_t r = 0; r < rows; r++) {
			const struct report_cell *cell = report_cell_at(t, r, c);
			if (!drawable(cell))
				continue;
			int x = PLOT_LEFT + 20 +
				(rows > 1 ? (int)(r * (size_t)span / (rows - 1)) : span / 2);
			marker(out, s, x,
			       PLOT_BOTTOM - scaled(cell->value, max, PLOT_BOTTOM - PLOT_TOP));
		}
		html_printf(out, "</g>\n");
		s++;
	}
	legend(out, t, legend_top, true);
	if (gaps)
		html_printf(out, "<text x=\"0\" y=\"%d\" fill=\"#505a5f\" font-style=\"italic\">"
				 "A gap: fewer than 5, hidden or none (see the table)</text>\n",
			    height - 6);
	html_printf(out, "</svg>\n");
}

static void stacked(struct sb *out, const struct report_table *t, const char *id)
{
	size_t rows = data_rows(t), columns = data_columns(t);
	double max = 0;
	for (size_t r = 0; r < rows; r++) {
		double sum = 0;
		for (size_t c = 1; c < columns; c++) {
			const struct report_cell *cell = report_cell_at(t, r, c);
			if (cell->kind == CELL_COUNT && drawable(cell))
				sum += cell->value;
		}
		if (sum > max)
			max = sum;
	}
	int top = legend_rows(t) * LEGEND_HEIGHT + 4;
	begin(out, t, id, top + (int)rows * ROW_HEIGHT + 8);
	legend(out, t, 18, false);
	for (size_t r = 0; r < rows; r++) {
		int y = top + (int)r * ROW_HEIGHT;
		html_printf(out, "<text x=\"0\" y=\"%d\" fill=\"#0b0c0c\">%s</text>\n", y + 18,
			    row_label(t, r));
		int x = 0;
		size_t s = 0;
		bool held = false;
		for (size_t c = 1; c < columns; c++) {
			if (!series_column(t, c))
				continue;
			const struct report_cell *cell = report_cell_at(t, r, c);
			const char *colour = colours[s++ % COLOURS];
			if (cell->kind != CELL_COUNT || !drawable(cell)) {
				held = held || report_cell_held_back(cell);
				continue;
			}
			int len = scaled(cell->value, max, BAR_MAX);
			/* A white edge parts neighbours of similar darkness. */
			html_printf(out, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" "
					 "fill=\"%s\" stroke=\"#ffffff\" stroke-width=\"1\"/>",
				    x, y + 26, len, BAR_HEIGHT, colour);
			x += len;
		}
		html_printf(out, "\n");
		if (held)
			html_printf(out, "<text x=\"%d\" y=\"%d\" fill=\"#505a5f\" "
					 "font-style=\"italic\">some fewer than 5 or hidden</text>\n",
				    x + 6, y + 42);
	}
	html_printf(out, "</svg>\n");
}

void svg_chart(struct sb *out, struct arena *a, const struct report_table *t, const char *id)
{
	if (data_rows(t) == 0 || t->column_count < 2)
		return;
	switch (t->chart) {
	case CHART_BARS:
		bars(out, a, t, id);
		break;
	case CHART_LINES:
		lines(out, a, t, id);
		break;
	case CHART_STACKED:
		stacked(out, t, id);
		break;
	case CHART_NONE:
		break;
	}
}
