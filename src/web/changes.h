#ifndef ALONGSIDE_WEB_CHANGES_H
#define ALONGSIDE_WEB_CHANGES_H

struct arena;
struct sb;

/*
 * What a change to a public record did, as the audit trail's pages show
 * it: each field that changed, named in words (an unknown one by its
 * path), its value before and after as a person reads it (dates as
 * "1 January 2026", yes or no as Yes or No, nothing as "none"), every
 * value escaped (web/html.h).  The rows come from audit_changes_rows
 * (domain/staff/audit.h); a document that is not one is shown as its
 * text.
 */
void changes_html(struct sb *page, struct arena *a, const char *changes);

#endif
