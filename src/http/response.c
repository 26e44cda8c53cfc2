#include "http/http.h"

#include "core/arena.h"
#include "core/sb.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static http_error_page error_page;

void http_set_error_page(http_error_page draw)
{
	error_page = draw;
}

const char *http_query(const struct http_request *req, const char *name)
{
	return urlenc_find(req->query, req->query_count, name);
}

const char *http_query_filter(const struct http_request *req, const char *name)
{
	const char *value = http_query(req, name);
	return value && *value ? value : NULL;
}

const char *http_path_param(const struct http_request *req, const char *name)
{
	return urlenc_find(req->path_params, req->path_param_count, name);
}

const char *http_form(const struct http_request *req, const char *name)
{
	return urlenc_find(req->form, req->form_count, name);
}

const char *http_text(const char *value)
{
	for (const char *p = value; p && *p; p++)
		if (*p != ' ')
			return value;
	return NULL;
}

const char *http_form_text(const struct http_request *req, const char *name)
{
	return http_text(http_form(req, name));
}

const char **http_form_all(const struct http_request *req, const char *name,
			   size_t *count)
{
	const char **values = arena_alloc(req->arena, (req->form_count + 1) * sizeof *values);
	*count = 0;
	for (size_t i = 0; i < req->form_count; i++)
		if (strcmp(req->form[i].name, name) == 0)
			values[(*count)++] = req->form[i].value;
	return values;
}

int http_redirect(struct http_response *res, const char *to)
{
	http_add_header(res, "Location", to);
	http_send_static(res, 303, "text/plain; charset=utf-8", "", 0);
	return 0;
}

void http_add_header(struct http_response *res, const char *name,
		     const char *value)
{
	if (res->header_count == HTTP_MAX_HEADERS) {
		fprintf(stderr, "alongside: too many response headers\n");
		abort();
	}
	res->headers[res->header_count].name = name;
	res->headers[res->header_count].value = value;
	res->header_count++;
}

int http_send_html(struct http_request *req, struct http_response *res,
		   int status, struct sb *page)
{
	if (sb_failed(page))
		return err_set(&req->err, "page larger than its builder allows");
	res->status = status;
	res->content_type = "text/html; charset=utf-8";
	res->body = sb_str(page);
	res->body_len = page->len;
	return 0;
}

/* jansson writes through this into an arena-backed builder, so the encoded
 * document lives exactly as long as the request. */
static int dump_to_sb(const char *buffer, size_t size, void *data)
{
	struct sb *sb = data;
	sb_append(sb, buffer, size);
	return sb_failed(sb) ? -1 : 0;
}

int http_send_json(struct http_request *req, struct http_response *res,
		   int status, json_t *value)
{
	struct sb out;
	sb_init(&out, req->arena, 64 * 1024 * 1024);
	int rc = json_dump_callback(value, dump_to_sb, &out,
				    JSON_COMPACT | JSON_REAL_PRECISION(10));
	json_decref(value);
	if (rc < 0)
		return err_set(&req->err, "cannot encode JSON response");
	res->status = status;
	res->content_type = "application/json";
	res->body = sb_str(&out);
	res->body_len = out.len;
	return 0;
}

void http_send_static(struct http_response *res, int status,
		      const char *content_type, const char *body, size_t len)
{
	res->status = status;
	res->content_type = content_type;
	res->body = body;
	res->body_len = len;
}

int http_send_error(struct http_request *req, struct http_response *res,
		    int status, const char *code, const char *message)
{
	if (req->wants_json) {
		json_t *body = json_pack("{s:{s:s,s:s}}", "error", "code", code,
					 "message", message);
		if (!body)
			return err_set(&req->err, "cannot build error JSON");
		return http_send_json(req, res, status, body);
	}
	struct sb page;
	sb_init(&page, req->arena, 256 * 1024);
	if (error_page) {
		error_page(req, &page, status, message);
		return http_send_html(req, res, status, &page);
	}
	sb_puts(&page, message);
	sb_putc(&page, '\n');
	if (sb_failed(&page))
		return err_set(&req->err, "error message larger than its builder allows");
	http_send_static(res, status, "text/plain; charset=utf-8", sb_str(&page), page.len);
	return 0;
}

static json_t *fields_json(const struct err *e)
{
	json_t *fields = json_array();
	for (size_t i = 0; i < e->field_count; i++)
		json_array_append_new(fields, json_pack("{s:s?,s:s}", "field",
							*e->fields[i].path ? e->fields[i].path : NULL,
							"message", e->fields[i].message));
	return fields;
}

int http_send_result(struct http_request *req, struct http_response *res,
		     int rc, const struct err *e, http_form_page form)
{
	switch (rc) {
	case RESULT_INVALID:
		if (req->wants_json)
			return http_send_json(req, res, HTTP_STATUS_INVALID,
					      json_pack("{s:{s:s,s:s,s:o}}", "error", "code",
							"invalid", "message", e->msg, "fields",
							fields_json(e)));
		if (form)
			return form(req, res, HTTP_STATUS_INVALID, e);
		return http_send_error(req, res, HTTP_STATUS_INVALID, "invalid", e->msg);
	case RESULT_NOT_FOUND:
		return http_send_error(req, res, 404,
				       e->subject ? arena_printf(req->arena, "%s_not_found",
								 e->subject)
						  : "not_found",
				       e->msg);
	case RESULT_CONFLICT:
		return http_send_error(req, res, 409, "conflict", e->msg);
	case RESULT_FORBIDDEN:
		return http_send_error(req, res, 403, "forbidden", e->msg);
	default:
		err_copy(&req->err, e);
		return RESULT_FAILED;
	}
}
