/* Form fields in GOV.UK Frontend markup, shared by every form. */
#include "web/form.h"

#include "core/arena.h"
#include "core/err.h"
#include "core/sb.h"
#include "web/html.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

static void summary_begin(struct sb *page)
{
	html_printf(page, "<div class=\"govuk-error-summary\" data-module=\"govuk-error-summary\">"
			  "<div role=\"alert\"><h2 class=\"govuk-error-summary__title\">There is a "
			  "problem</h2><div class=\"govuk-error-summary__body\"><ul class=\"govuk-list "
			  "govuk-error-summary__list\">");
}

static void summary_item(struct sb *page, const char *anchor, const char *message)
{
	html_printf(page, "<li><a href=\"#%s\">%s</a></li>", anchor, message);
}

static void summary_end(struct sb *page)
{
	html_printf(page, "</ul></div></div></div>\n");
}

void form_rename_fields(struct err *e, const char *const (*names)[2], size_t count)
{
	for (size_t i = 0; i < e->field_count; i++) {
		char *path = e->fields[i].path;
		size_t n = 0;
		while (n < count && strcmp(names[n][0], path) != 0)
			n++;
		if (n < count) {
			snprintf(path, sizeof e->fields[i].path, "%s", names[n][1]);
			continue;
		}
		for (char *p = path; *p; p++)
			if (*p == '.')
				*p = '_';
	}
}

void form_errors_summary(struct sb *page, const struct err *e,
			 const struct form_anchor *anchors, size_t anchor_count,
			 const char *first)
{
	summary_begin(page);
	for (size_t i = 0; i < e->field_count; i++) {
		const char *path = e->fields[i].path;
		const char *anchor = path[0] ? path : first;
		for (size_t j = 0; j < anchor_count; j++)
			if (strcmp(anchors[j].path, path) == 0)
				anchor = anchors[j].id;
		summary_item(page, anchor, e->fields[i].message);
	}
	/* A result with no fields still has its message. */
	if (e->field_count == 0)
		summary_item(page, first, e->msg);
	summary_end(page);
}

const char *form_errors_for(const struct err *e, const char *path)
{
	return e ? err_field_message(e, path) : NULL;
}

void form_text_field(struct sb *page, const struct form_field *f, const char *value,
		       const char *error)
{
	html_printf(page, "<div class=\"govuk-form-group%s\">\n<label class=\"govuk-label\" "
			  "for=\"%s\">%s</label>\n",
		    error ? " govuk-form-group--error" : "", f->name, f->label);
	if (f->hint)
		html_printf(page, "<div id=\"%s-hint\" class=\"govuk-hint\">%s</div>\n", f->name,
			    f->hint);
	if (error)
		html_printf(page, "<p id=\"%s-error\" class=\"govuk-error-message\"><span "
				  "class=\"govuk-visually-hidden\">Error:</span> %s</p>\n",
			    f->name, error);
	html_printf(page, "<input class=\"govuk-input %s%s\" id=\"%s\" name=\"%s\" type=\"%s\" "
			  "autocomplete=\"%s\" value=\"%s\"",
		    f->width, error ? " govuk-input--error" : "", f->name, f->name, f->type,
		    f->autocomplete, value ? value : "");
	if (f->hint || error)
		html_printf(page, " aria-describedby=\"%s%s%s%s%s\"", f->hint ? f->name : "",
			    f->hint ? "-hint" : "", f->hint && error ? " " : "",
			    error ? f->name : "", error ? "-error" : "");
	html_printf(page, ">\n</div>\n");
}

const char *form_group_begin(struct sb *page, const char *id, const char *label,
			     const char *hint, const char *error)
{
	html_printf(page, "<div class=\"govuk-form-group%s\"><label class=\"govuk-label\" "
			  "for=\"%s\">%s</label>\n",
		    error ? " govuk-form-group--error" : "", id, label);
	if (hint)
		html_printf(page, "<div id=\"%s-hint\" class=\"govuk-hint\">%s</div>\n", id, hint);
	if (error)
		html_printf(page, "<p id=\"%s-error\" class=\"govuk-error-message\"><span "
				  "class=\"govuk-visually-hidden\">Error:</span> %s</p>\n",
			    id, error);
	struct arena *a = page->arena;
	return hint && error ? arena_printf(a, "%s-hint %s-error", id, id)
	       : hint	     ? arena_printf(a, "%s-hint", id)
	       : error	     ? arena_printf(a, "%s-error", id)
			     : NULL;
}

void form_described(struct sb *page, const char *ids)
{
	if (ids)
		html_printf(page, " aria-describedby=\"%s\"", ids);
}

void form_row_input(struct sb *page, const char *id, const char *name, const char *label,
		    const char *hint, const char *value, const char *error, const char *width)
{
	const char *ids = form_group_begin(page, id, label, hint, error);
	html_printf(page, "<input class=\"govuk-input %s%s\" id=\"%s\" name=\"%s\" type=\"text\" "
			  "autocomplete=\"off\" value=\"%s\"",
		    width, error ? " govuk-input--error" : "", id, name, value ? value : "");
	form_described(page, ids);
	html_printf(page, "></div>\n");
}

void form_row_select(struct sb *page, const char *id, const char *name, const char *label,
		     const char *const (*options)[2], size_t count, const char *chosen,
		     const char *none, const char *error)
{
	const char *ids = form_group_begin(page, id, label, NULL, error);
	html_printf(page, "<select class=\"govuk-select%s\" id=\"%s\" name=\"%s\"",
		    error ? " govuk-select--error" : "", id, name);
	form_described(page, ids);
	html_printf(page, ">\n");
	if (none)
		html_printf(page, "<option value=\"\">%s</option>\n", none);
	bool found = !chosen || !*chosen;
	for (size_t i = 0; i < count; i++) {
		bool here = chosen && strcmp(chosen, options[i][0]) == 0;
		found = found || here;
		html_printf(page, "<option value=\"%s\"%s>%s</option>\n", options[i][0],
			    here ? " selected" : "", options[i][1]);
	}
	if (!found)
		html_printf(page, "<option value=\"%s\" selected>%s</option>\n", chosen, chosen);
	html_printf(page, "</select></div>\n");
}

void form_radios(struct sb *page, const char *name, const char *legend, const char *hint,
		   const char *const (*options)[2], size_t count, const char *chosen,
		   const char *error)
{
	html_printf(page, "<div class=\"govuk-form-group%s\"><fieldset class=\"govuk-fieldset\"%s%s%s>\n"
			  "<legend class=\"govuk-fieldset__legend govuk-fieldset__legend--s\">%s</legend>\n",
		    error ? " govuk-form-group--error" : "",
		    hint || error ? " aria-describedby=\"" : "", hint || error ? name : "",
		    hint || error ? (error ? "-error\"" : "-hint\"") : "", legend);
	if (hint)
		html_printf(page, "<div id=\"%s-hint\" class=\"govuk-hint\">%s</div>\n", name, hint);
	if (error)
		html_printf(page, "<p id=\"%s-error\" class=\"govuk-error-message\"><span "
				  "class=\"govuk-visually-hidden\">Error:</span> %s</p>\n",
			    name, error);
	html_printf(page, "<div class=\"govuk-radios govuk-radios--small\" data-module=\"govuk-radios\">\n");
	/* The first option's id is the field's, so an error links to it. */
	for (size_t i = 0; i < count; i++) {
		const char *id = i ? arena_printf(page->arena, "%s-%zu", name, i) : name;
		html_printf(page, "<div class=\"govuk-radios__item\"><input class=\"govuk-radios__input\" "
				  "id=\"%s\" name=\"%s\" type=\"radio\" value=\"%s\"%s>"
				  "<label class=\"govuk-label govuk-radios__label\" for=\"%s\">%s</label></div>\n",
			    id, name, options[i][0],
			    chosen && strcmp(chosen, options[i][0]) == 0 ? " checked" : "", id,
			    options[i][1]);
	}
	html_printf(page, "</div></fieldset></div>\n");
}


void form_success_banner(struct sb *page, const char *id, const char *message)
{
	html_printf(page,
		    "<div class=\"govuk-notification-banner govuk-notification-banner--success\" "
		    "role=\"alert\" aria-labelledby=\"%s-title\" "
		    "data-module=\"govuk-notification-banner\">\n"
		    "<div class=\"govuk-notification-banner__header\">"
		    "<h2 class=\"govuk-notification-banner__title\" id=\"%s-title\">Success</h2></div>\n"
		    "<div class=\"govuk-notification-banner__content\">"
		    "<p class=\"govuk-notification-banner__heading\">%s</p></div></div>\n",
		    id, id, message);
}
