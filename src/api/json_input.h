#ifndef ALONGSIDE_API_JSON_INPUT_H
#define ALONGSIDE_API_JSON_INPUT_H

#include <jansson.h>

struct http_request;
struct http_response;

/*
 * Reading a JSON request body the strict way: Content-Type must be
 * application/json (which browsers cannot send to another site without a
 * preflight we never answer), the body one object, no key twice, no key
 * the endpoint does not list, and each listed key of the type it needs.
 *
 * Returns the object (the caller decrefs), or NULL after answering: 415
 * for another Content-Type, 400 invalid_json for a body that is not one
 * JSON object, 422 invalid (http_send_result) naming every field that is
 * of the wrong type or not taken.  The handler then just returns 0.
 */

enum json_field_type {
	JSON_FIELD_STRING,
	JSON_FIELD_BOOL,
	JSON_FIELD_STRINGS,
	JSON_FIELD_OBJECT, /* an object whose own fields are listed, checked alike */
};

struct json_field {
	const char *name;
	enum json_field_type type;
	const struct json_field *fields;  /* JSON_FIELD_OBJECT */
	size_t field_count;
};

#define JSON_STRING(name) {(name), JSON_FIELD_STRING, NULL, 0}
#define JSON_BOOL(name) {(name), JSON_FIELD_BOOL, NULL, 0}
#define JSON_STRINGS(name) {(name), JSON_FIELD_STRINGS, NULL, 0}
#define JSON_OBJECT(name, fields) \
	{(name), JSON_FIELD_OBJECT, (fields), sizeof(fields) / sizeof((fields)[0])}

json_t *json_input(struct http_request *req, struct http_response *res,
		   const struct json_field *fields, size_t field_count);

/* The string at key, or NULL when absent; an empty or all-space string
 * counts as absent, as an empty form field does. */
const char *json_input_string(json_t *body, const char *key);

#endif
