#ifndef ALONGSIDE_API_REPORT_JSON_H
#define ALONGSIDE_API_REPORT_JSON_H

#include <jansson.h>

struct report;

/* A report as GET /api/v1/reports answers it (api/api.h gives the shape),
 * for the API and `alongside report --json` alike: a held-back cell
 * carries its mark ("shown") and never its value.  A new reference. */
json_t *api_report_json(const struct report *r);

#endif
