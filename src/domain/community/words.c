#include "domain/community/words.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "core/arena.h"
#include "core/sb.h"

/* The base letter of each Latin letter from U+00C0 to U+017F, lower case;
 * '*' a letter written as two (below), '.' not a letter (× and ÷). */
static const char latin_base[] =
	/* U+00C0 */ "aaaaaa*ceeeeiiii" "dnooooo.ouuuuy**"
	/* U+00E0 */ "aaaaaa*ceeeeiiii" "dnooooo.ouuuuy*y"
	/* U+0100 */ "aaaaaaccccccccdd" "ddeeeeeeeeeegggg"
	/* U+0120 */ "gggghhhhiiiiiiii" "ii**jjkkklllllll"
	/* U+0140 */ "lllnnnnnnnnnoooo" "oo**rrrrrrssssss"
	/* U+0160 */ "ssttttttuuuuuuuu" "uuuuwwyyyzzzzzzs";

static const char *latin_pair(uint32_t cp)
{
	switch (cp) {
	case 0xC6: case 0xE6: return "ae";
	case 0xDE: case 0xFE: return "th";
	case 0xDF: return "ss";
	case 0x132: case 0x133: return "ij";
	case 0x152: case 0x153: return "oe";
	default: return NULL;
	}
}

/* The code point at *p (advancing it), or UINT32_MAX for a byte that does
 * not start well-formed UTF-8 (skipped alone: a separator). */
static uint32_t next_code_point(const unsigned char **p)
{
	const unsigned char *s = *p;
	uint32_t cp;
	size_t n;
	if (s[0] < 0x80) {
		*p = s + 1;
		return s[0];
	}
	if (s[0] >= 0xC2 && s[0] <= 0xDF) {
		cp = s[0] & 0x1F;
		n = 1;
	} else if (s[0] >= 0xE0 && s[0] <= 0xEF) {
		cp = s[0] & 0x0F;
		n = 2;
	} else if (s[0] >= 0xF0 && s[0] <= 0xF4) {
		cp = s[0] & 0x07;
		n = 3;
	} else {
		*p = s + 1;
		return UINT32_MAX;
	}
	for (size_t i = 1; i <= n; i++) {
		if ((s[i] & 0xC0) != 0x80) {
			*p = s + 1;
			return UINT32_MAX;
		}
		cp = (cp << 6) | (s[i] & 0x3F);
	}
	*p = s + n + 1;
	return cp;
}

/* The letters cp folds to ("" for a separator), in buf. */
static const char *fold_code_point(uint32_t cp, char buf[2])
{
	buf[1] = '\0';
	if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9')) {
		buf[0] = (char)cp;
	} else if (cp >= 'A' && cp <= 'Z') {
		buf[0] = (char)(cp - 'A' + 'a');
	} else if (cp == 0xAA) {         /* ª */
		buf[0] = 'a';
	} else if (cp == 0xBA) {         /* º */
		buf[0] = 'o';
	} else if (cp >= 0xC0 && cp <= 0x17F) {
		char base = latin_base[cp - 0xC0];
		if (base == '*')
			return latin_pair(cp);
		buf[0] = base == '.' ? '\0' : base;
	} else {
		buf[0] = '\0';
	}
	return buf;
}

/* Appends text's folded words to sb, each after a space when sb has any. */
static void fold_into(struct sb *sb, const char *text)
{
	const unsigned char *p = (const unsigned char *)text;
	bool in_word = false;
	char buf[2];
	while (*p) {
		const char *letters = fold_code_point(next_code_point(&p), buf);
		if (!*letters) {
			in_word = false;
			continue;
		}
		if (!in_word && sb->len > 0)
			sb_putc(sb, ' ');
		in_word = true;
		sb_puts(sb, letters);
	}
}

/* No text folds longer than it was, so a builder of the texts' length
 * plus a separator each never overflows. */
const char *words_fold(struct arena *a, const char *text)
{
	if (!text)
		return "";
	struct sb sb;
	sb_init(&sb, a, strlen(text) + 1);
	fold_into(&sb, text);
	return sb_str(&sb);
}

const char *words_fold_all(struct arena *a, const char *const *texts, size_t count)
{
	size_t max = 1;
	for (size_t i = 0; i < count; i++)
		max += texts[i] ? strlen(texts[i]) + 1 : 0;
	struct sb sb;
	sb_init(&sb, a, max);
	for (size_t i = 0; i < count; i++)
		if (texts[i])
			fold_into(&sb, texts[i]);
	return sb_str(&sb);
}

/* Folded words are letters a-z and digits only, so each is safe bare in
 * either syntax; FTS5's are quoted all the same, so that no word is ever
 * read as an operator. */
void words_query(struct arena *a, const char *text, const char **fts5, const char **tsquery)
{
	const char *folded = words_fold(a, text);
	*fts5 = NULL;
	*tsquery = NULL;
	if (!*folded)
		return;
	size_t max = strlen(folded) * 2 + WORDS_QUERY_MAX * 8 + 8;
	struct sb f, t;
	sb_init(&f, a, max);
	sb_init(&t, a, max);
	const char *p = folded;
	for (size_t used = 0; *p && used < WORDS_QUERY_MAX; used++) {
		size_t n = strcspn(p, " ");
		bool last = p[n] == '\0';
		if (used > 0) {
			sb_putc(&f, ' ');
			sb_puts(&t, " & ");
		}
		sb_putc(&f, '"');
		sb_append(&f, p, n);
		sb_putc(&f, '"');
		sb_append(&t, p, n);
		if (last) {
			sb_putc(&f, '*');
			sb_puts(&t, ":*");
		}
		p += n;
		if (*p)
			p++;
	}
	*fts5 = sb_str(&f);
	*tsquery = sb_str(&t);
}
