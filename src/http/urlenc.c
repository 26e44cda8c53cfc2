#include "http/urlenc.h"

#include "core/arena.h"
#include "core/sb.h"
#include "core/utf8.h"

#include <string.h>

static int hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

enum urlenc_result urlenc_decode(struct arena *a, const char *s, size_t len,
				 bool plus_is_space, char **out)
{
	char *buf = arena_alloc(a, len + 1);
	size_t n = 0;
	for (size_t i = 0; i < len; i++) {
		char c = s[i];
		if (c == '%') {
			if (len - i < 3)
				return URLENC_BAD_ESCAPE;
			int hi = hex_value(s[i + 1]);
			int lo = hex_value(s[i + 2]);
			if (hi < 0 || lo < 0)
				return URLENC_BAD_ESCAPE;
			buf[n++] = (char)(hi * 16 + lo);
			i += 2;
		} else if (c == '+' && plus_is_space) {
			buf[n++] = ' ';
		} else {
			buf[n++] = c;
		}
	}
	buf[n] = '\0';
	if (!utf8_valid(buf, n))
		return URLENC_BAD_UTF8;
	*out = buf;
	return URLENC_OK;
}

/* Browsers send a textarea's line breaks as CRLF (HTML's form
 * serialisation); the text kept is the person's lines, each ended by LF. */
static void crlf_to_lf(char *s)
{
	char *to = s;
	for (const char *from = s; *from; from++)
		if (!(from[0] == '\r' && from[1] == '\n'))
			*to++ = *from;
	*to = '\0';
}

enum urlenc_result urlenc_parse_form(struct arena *a, const char *s, size_t len,
				     size_t max_params,
				     struct http_param **params, size_t *count)
{
	*params = NULL;
	*count = 0;
	if (len == 0)
		return URLENC_OK;
	size_t pieces = 1;
	for (size_t i = 0; i < len; i++)
		pieces += s[i] == '&';
	struct http_param *out = arena_alloc(a, pieces * sizeof *out);
	size_t n = 0;
	size_t start = 0;
	while (start <= len) {
		const char *piece = s + start;
		const char *amp = memchr(piece, '&', len - start);
		size_t piece_len = amp ? (size_t)(amp - piece) : len - start;
		if (piece_len > 0) {
			if (n == max_params)
				return URLENC_TOO_MANY;
			const char *eq = memchr(piece, '=', piece_len);
			size_t name_len = eq ? (size_t)(eq - piece) : piece_len;
			char *name;
			char *value = "";
			enum urlenc_result r =
				urlenc_decode(a, piece, name_len, true, &name);
			if (r == URLENC_OK && eq)
				r = urlenc_decode(a, eq + 1,
						  piece_len - name_len - 1, true,
						  &value);
			if (r != URLENC_OK)
				return r;
			if (eq)
				crlf_to_lf(value);
			out[n].name = name;
			out[n].value = value;
			n++;
		}
		start += piece_len + 1;
	}
	*params = out;
	*count = n;
	return URLENC_OK;
}

void urlenc_component(struct sb *sb, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		unsigned char c = *p;
		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		    (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' ||
		    c == '~') {
			sb_putc(sb, (char)c);
		} else {
			char esc[3] = {'%', hex[c >> 4], hex[c & 15]};
			sb_append(sb, esc, 3);
		}
	}
}

const char *urlenc_find(const struct http_param *params, size_t count,
			const char *name)
{
	const char *found = NULL;
	for (size_t i = 0; i < count; i++)
		if (strcmp(params[i].name, name) == 0)
			found = params[i].value;
	return found;
}
