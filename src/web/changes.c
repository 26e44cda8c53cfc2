/* The before and after of a change to a public record, for the trail. */
#include "web/changes.h"

#include "core/err.h"
#include "core/json_diff.h"
#include "domain/staff/audit.h"
#include "web/html.h"

void changes_html(struct sb *page, struct arena *a, const char *changes)
{
	struct json_diff_row *rows;
	size_t count;
	if (audit_changes_rows(a, changes, &rows, &count) != RESULT_OK) {
		html_printf(page, "<p class=\"govuk-body-s app-changes\">%s</p>", changes);
		return;
	}
	if (count == 0) {
		html_printf(page, "<p class=\"govuk-body-s app-changes\">Nothing changed.</p>");
		return;
	}
	html_printf(page, "<dl class=\"govuk-summary-list govuk-summary-list--no-border "
			  "app-changes\">\n");
	for (size_t i = 0; i < count; i++)
		html_printf(page, "<div class=\"govuk-summary-list__row\">"
				  "<dt class=\"govuk-summary-list__key\">%s</dt>"
				  "<dd class=\"govuk-summary-list__value\">"
				  "<span class=\"govuk-visually-hidden\">was </span>%s"
				  " <span aria-hidden=\"true\">→</span>"
				  "<span class=\"govuk-visually-hidden\">, now</span> %s</dd></div>\n",
			    rows[i].path, rows[i].before ? rows[i].before : "(none)",
			    rows[i].after ? rows[i].after : "(none)");
	html_printf(page, "</dl>\n");
}
