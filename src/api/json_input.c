#include "api/json_input.h"

#include "core/arena.h"
#include "http/http.h"

#include <string.h>

static json_t *refuse(struct http_request *req, struct http_response *res,
		      int status, const char *code, const char *message)
{
	http_send_error(req, res, status, code, message);
	return NULL;
}

/* How much of a key a path quotes: at most 40 bytes, so that the path
 * fits a field error's, and never half a character, so that it stays
 * UTF-8 that JSON can carry. */
static int key_length(const char *key)
{
	size_t n = strlen(key);
	if (n <= 40)
		return (int)n;
	n = 40;
	while (n > 0 && ((unsigned char)key[n] & 0xC0) == 0x80)
		n--;
	return (int)n;
}

/* Adds a field error to e for each problem with obj's members against
 * fields, naming the member by its path ("person.phone"). */
static void check(struct arena *a, json_t *obj, const struct json_field *fields,
		  size_t field_count, const char *prefix, struct err *e)
{
	const char *key;
	json_t *value;
	json_object_foreach(obj, key, value) {
		const struct json_field *f = NULL;
		for (size_t i = 0; i < field_count; i++)
			if (strcmp(fields[i].name, key) == 0)
				f = &fields[i];
		const char *path = arena_printf(a, "%s%.*s", prefix, key_length(key), key);
		const char *problem = NULL;
		if (!f) {
			problem = "is not a field this request takes";
		} else if (f->type == JSON_FIELD_STRING && !json_is_string(value)) {
			problem = "must be a string";
		} else if (f->type == JSON_FIELD_BOOL && !json_is_boolean(value)) {
			problem = "must be true or false";
		} else if (f->type == JSON_FIELD_STRINGS) {
			size_t i;
			json_t *item;
			if (!json_is_array(value))
				problem = "must be a list of strings";
			json_array_foreach(value, i, item) if (!json_is_string(item))
				problem = "must be a list of strings";
		} else if (f->type == JSON_FIELD_OBJECT) {
			if (!json_is_object(value))
				problem = "must be an object";
			else
				check(a, value, f->fields, f->field_count,
				      arena_printf(a, "%s.", path), e);
		}
		if (problem)
			err_field(e, path, "\"%s\" %s.", path, problem);
	}
}

json_t *json_input(struct http_request *req, struct http_response *res,
		   const struct json_field *fields, size_t field_count)
{
	const char *type = req->header(req, "Content-Type");
	if (!type || strncmp(type, "application/json", 16) != 0)
		return refuse(req, res, 415, "unsupported_media_type",
			      "Send the body as application/json.");
	json_error_t jerr;
	json_t *body = json_loadb(req->body, req->body_len,
				  JSON_REJECT_DUPLICATES, &jerr);
	if (!body)
		return refuse(req, res, 400, "invalid_json",
			      arena_printf(req->arena, "The body is not valid JSON: %s",
					   jerr.text));
	if (!json_is_object(body)) {
		json_decref(body);
		return refuse(req, res, 400, "invalid_json",
			      "The body must be a JSON object.");
	}
	struct err e = {0};
	check(req->arena, body, fields, field_count, "", &e);
	if (e.field_count) {
		json_decref(body);
		http_send_result(req, res, RESULT_INVALID, &e, NULL);
		return NULL;
	}
	return body;
}

const char *json_input_string(json_t *body, const char *key)
{
	const char *s = json_string_value(json_object_get(body, key));
	if (!s)
		return NULL;
	for (const char *p = s; *p; p++)
		if (*p != ' ')
			return s;
	return NULL;
}
