#ifndef ALONGSIDE_WEB_AREA_MAP_H
#define ALONGSIDE_WEB_AREA_MAP_H

#include <stddef.h>

struct area;
struct http_request;
struct sb;

/*
 * The map of areas on the public pages (/areas, /areas/{id}), drawn by
 * web/src/map.js from the JSON at data_url: boundaries, and each
 * drop-in as a marker at the centre of its address's postcode.  Nothing
 * is only on the map: the page lists every area and every drop-in it
 * marks, with the same facts.  The placeholder stays hidden until the
 * map is drawn; the note of what a marker stands for shows with the
 * markers.
 */

/* The placeholder (with the tile service and its attribution, from the
 * settings), the note, and the map's assets. */
void area_map(struct http_request *req, struct sb *page, const char *data_url);

/* The list equivalent of the markers on the map of every area: the
 * drop-ins still going on, by area (areas as area_list gives them),
 * each with its venue, address, day and time and its next date, a
 * cancelled one before it said with its reason.  Nothing when none has
 * a drop-in; -1 on a database error. */
int area_map_dropin_list(struct http_request *req, struct sb *page, const struct area *areas,
			 size_t count);

#endif
