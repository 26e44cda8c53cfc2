#ifndef ALONGSIDE_CORE_UTF8_H
#define ALONGSIDE_CORE_UTF8_H

#include <stdbool.h>
#include <stddef.h>

/* True when s[0..len) is well-formed UTF-8 (RFC 3629): no overlong forms,
 * no surrogates, nothing above U+10FFFF, and no NUL byte, which no text
 * field of ours may hold. */
bool utf8_valid(const char *s, size_t len);

/* True when s is text a person may type into a field: 1 to max_chars
 * characters of valid UTF-8 with no control characters, except line
 * breaks (LF or CRLF) when multiline. */
bool utf8_text_ok(const char *s, size_t max_chars, bool multiline);

/* Characters (code points) in valid UTF-8 s[0..len). */
size_t utf8_length(const char *s, size_t len);

#endif
