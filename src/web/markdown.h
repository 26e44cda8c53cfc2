#ifndef ALONGSIDE_WEB_MARKDOWN_H
#define ALONGSIDE_WEB_MARKDOWN_H

#include <stddef.h>

struct err;
struct sb;

/*
 * A small, safe Markdown subset written as GOV.UK Frontend markup, for the
 * texts a council edits (web/texts.h).  Nothing in the text becomes
 * markup by itself: every character of it goes through html_escape
 * (web/html.h), and the only elements written are these:
 *
 *   # Title                      <h1 class="govuk-heading-l">
 *   ## Heading, ### Heading      govuk-heading-m, govuk-heading-s
 *   a paragraph (lines joined)   <p class="govuk-body">
 *   - item, * item               govuk-list--bullet; lines after an
 *                                item, up to a blank line, continue it
 *   1. item                      govuk-list--number
 *   **bold**                     <strong>
 *   [text](target)               <a class="govuk-link">: the target is
 *                                https://..., mailto:..., tel:... or a
 *                                path starting with one /
 *   {name}                       a value from the lookup, as text
 *   \X                           the punctuation character X itself
 *
 * A placeholder is {letters, digits, _ and .}; any other brace is text.
 * The lookup gives a placeholder's value, "" for one with no value, or
 * NULL for a name it does not know.  A block (heading, paragraph, list
 * item) holding a placeholder with no value is left out whole, so a page
 * never shows a raw {name} or a sentence with a hole in it; a list whose
 * items are all left out is left out too.  In a tel: target only the
 * digits and + of the value are kept.  A target that starts with a
 * placeholder must come out as one of the four kinds above, or the link
 * is left out and its text kept.
 *
 * Everything else the grammar refuses: a line starting ####, ** not
 * closed in its block, a [ that does not start [text](target) (write \[
 * for a bracket), a link inside a link's text, a target of another kind,
 * an unknown placeholder.  Refusal returns -1 with e naming the line
 * (numbered from first_line), and leaves out in an unspecified state, so
 * a text is checked once, when it is loaded, before it is shown.
 */

typedef const char *(*markdown_lookup)(void *ctx, const char *name, size_t len);

int markdown_render(struct sb *out, const char *text, int first_line,
		    markdown_lookup lookup, void *ctx, struct err *e);

#endif
