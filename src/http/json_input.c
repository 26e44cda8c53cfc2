#include "http/json_input.h"

#include "core/arena.h"
#include "core/err.h"
#include "http/http.h"
#include "http/validate.h"

#include <stdio.h>
#include <string.h>

const char *json_field_type_name(enum json_field_type type)
{
	switch (type) {
	case JSON_FIELD_STRING:
		return "string";
	case JSON_FIELD_BOOL:
		return "boolean";
	case JSON_FIELD_STRINGS:
		return "strings";
	case JSON_FIELD_OBJECT:
		return "object";
	case JSON_FIELD_INTEGER:
		return "integer";
	case JSON_FIELD_OBJECTS:
		return "objects";
	case JSON_FIELD_NUMBER:
		return "number";
	}
	return "?";
}

static int refuse(struct http_request *req, struct http_response *res, int status,
		  const char *code, const char *message)
{
	return http_send_error(req, res, status, code, message) < 0 ? -1 : JSON_INPUT_ANSWERED;
}

int json_input_parse(struct http_request *req, struct http_response *res, json_t **out)
{
	*out = NULL;
	const char *type = req->header(req, "Content-Type");
	if (!type || strncmp(type, "application/json", 16) != 0)
		return refuse(req, res, 415, "unsupported_media_type",
			      "Send the body as application/json.");
	json_error_t jerr;
	json_t *body = json_loadb(req->body, req->body_len, JSON_REJECT_DUPLICATES, &jerr);
	if (!body)
		return refuse(req, res, 400, "invalid_json",
			      arena_printf(req->arena, "The body is not valid JSON: %s",
					   jerr.text));
	if (!json_is_object(body)) {
		json_decref(body);
		return refuse(req, res, 400, "invalid_json", "The body must be a JSON object.");
	}
	*out = body;
	return JSON_INPUT_PARSED;
}

static bool strings(json_t *value)
{
	size_t i;
	json_t *item;
	if (!json_is_array(value))
		return false;
	json_array_foreach(value, i, item) if (!json_is_string(item)) return false;
	return true;
}

static bool objects(json_t *value)
{
	size_t i;
	json_t *item;
	if (!json_is_array(value))
		return false;
	json_array_foreach(value, i, item) if (!json_is_object(item)) return false;
	return true;
}

/* The problem with value as field f, or NULL. */
static const char *mistyped(const struct json_field *f, json_t *value)
{
	switch (f->type) {
	case JSON_FIELD_STRING:
		return json_is_string(value) ? NULL : "Must be a string";
	case JSON_FIELD_BOOL:
		return json_is_boolean(value) ? NULL : "Must be true or false";
	case JSON_FIELD_STRINGS:
		return strings(value) ? NULL : "Must be a list of strings";
	case JSON_FIELD_OBJECT:
		return json_is_object(value) ? NULL : "Must be an object";
	case JSON_FIELD_INTEGER:
		return json_is_integer(value) ? NULL : "Must be a whole number";
	case JSON_FIELD_OBJECTS:
		return objects(value) ? NULL : "Must be a list of objects";
	case JSON_FIELD_NUMBER:
		return json_is_number(value) ? NULL : "Must be a number";
	}
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

static void check(json_t *obj, const struct json_field *fields, size_t field_count,
		  const char *prefix, struct err *e)
{
	const char *key;
	json_t *value;
	void *next;
	json_object_foreach_safe(obj, next, key, value) {
		const struct json_field *f = NULL;
		for (size_t i = 0; i < field_count && !f; i++)
			if (strcmp(fields[i].name, key) == 0)
				f = &fields[i];
		/* A null is the field left out, so what a GET answered can be
		 * sent back as it came: gone before any handler looks. */
		if (f && json_is_null(value)) {
			json_object_del(obj, key);
			continue;
		}
		char path[ERR_FIELD_PATH_MAX];
		snprintf(path, sizeof path, "%s%.*s", prefix, key_length(key), key);
		const char *problem = f ? mistyped(f, value) : "Not a field this request takes";
		if (problem) {
			validate_problem(e, path, problem);
		} else if (f->type == JSON_FIELD_OBJECT) {
			char inner[ERR_FIELD_PATH_MAX + 1];
			snprintf(inner, sizeof inner, "%s.", path);
			check(value, f->fields, f->field_count, inner, e);
		} else if (f->type == JSON_FIELD_OBJECTS) {
			size_t i;
			json_t *item;
			json_array_foreach(value, i, item) {
				char inner[ERR_FIELD_PATH_MAX + 24];
				snprintf(inner, sizeof inner, "%s.%zu.", path, i);
				check(item, f->fields, f->field_count, inner, e);
			}
		}
	}
}

void json_input_check(json_t *obj, const struct json_field *fields, size_t field_count,
		      struct err *e)
{
	check(obj, fields, field_count, "", e);
}

json_t *json_input(struct http_request *req, struct http_response *res,
		   const struct json_field *fields, size_t field_count)
{
	json_t *body;
	if (json_input_parse(req, res, &body) != JSON_INPUT_PARSED)
		return NULL;
	struct err e = {0};
	json_input_check(body, fields, field_count, &e);
	if (err_invalid_if_any(&e) == RESULT_OK)
		return body;
	json_decref(body);
	http_send_result(req, res, RESULT_INVALID, &e, NULL);
	return NULL;
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
