#ifndef ALONGSIDE_HTTP_JSON_INPUT_H
#define ALONGSIDE_HTTP_JSON_INPUT_H

#include <jansson.h>
#include <stddef.h>

struct err;
struct http_request;
struct http_response;

/*
 * Reading a JSON request body the strict way: Content-Type must be
 * application/json (which browsers cannot send to another site without a
 * preflight we never answer), the body one object, no key twice, no key
 * the route does not list, and each listed key of the type it needs or
 * null, which counts as the key left out (so a reply can be sent back as
 * it came).
 *
 * A route declares its body as a list of fields (http/route.h) and the
 * router checks it before the handler runs (server/router.h), so what a
 * handler finds in the body is what the list says.
 */

enum json_field_type {
	JSON_FIELD_STRING,
	JSON_FIELD_BOOL,
	JSON_FIELD_STRINGS,
	JSON_FIELD_OBJECT, /* an object whose own fields are listed, checked alike */
	JSON_FIELD_INTEGER,
	JSON_FIELD_OBJECTS, /* a list of such objects; a problem in the third is
			     * named "members.2.circle" */
	JSON_FIELD_NUMBER,  /* any JSON number, whole or not (a latitude) */
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
#define JSON_INTEGER(name) {(name), JSON_FIELD_INTEGER, NULL, 0}
#define JSON_NUMBER(name) {(name), JSON_FIELD_NUMBER, NULL, 0}
#define JSON_OBJECT(name, fields) \
	{(name), JSON_FIELD_OBJECT, (fields), sizeof(fields) / sizeof((fields)[0])}
#define JSON_OBJECTS(name, fields) \
	{(name), JSON_FIELD_OBJECTS, (fields), sizeof(fields) / sizeof((fields)[0])}

/* The type's name, as `alongside routes` prints it: "string", "object". */
const char *json_field_type_name(enum json_field_type type);

enum json_input_parsed { JSON_INPUT_PARSED = 0, JSON_INPUT_ANSWERED = 1 };

/* Reads req's body as one JSON object.  Returns JSON_INPUT_PARSED with the
 * object in *out (the caller decrefs); JSON_INPUT_ANSWERED with *out NULL
 * once res holds the refusal: 415 for another Content-Type, 400 for a
 * body that is not JSON, has a key twice, or is not an object; or -1 with
 * req->err set when even the refusal could not be made. */
int json_input_parse(struct http_request *req, struct http_response *res, json_t **out);

/* Adds a field error to e (http/validate.h: validate_problem) for every
 * key of obj that fields does not list and every listed key whose value is
 * not of its type, named by its path ("person.care_plan"); objects within
 * are checked alike.  Leaves e alone when all is well.  Removes every key
 * whose value is null, here and within, as if it had not been sent. */
void json_input_check(json_t *obj, const struct json_field *fields, size_t field_count,
		      struct err *e);

/* Both, for a handler: the object (the caller decrefs), or NULL once
 * answered (415, 400, or 422 naming every field that is wrong); the
 * handler then just returns 0. */
json_t *json_input(struct http_request *req, struct http_response *res,
		   const struct json_field *fields, size_t field_count);

/* The string at key, or NULL when absent; an empty or all-space string
 * counts as absent, as an empty form field does. */
const char *json_input_string(json_t *body, const char *key);

#endif
