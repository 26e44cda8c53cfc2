#ifndef ALONGSIDE_GEO_POSTCODE_H
#define ALONGSIDE_GEO_POSTCODE_H

#include <stdbool.h>

/*
 * UK postcodes as people type them: any case, any spacing ("yo17hh",
 * " YO1  7HH").  Normalising gives the one form we store and show,
 * "YO1 7HH": the outward code, one space, the inward code.  A string that
 * cannot be a postcode at all is told apart from a well-formed postcode we
 * may simply not hold.
 */

#define POSTCODE_SIZE 9 /* "AA9A 9AA" and its NUL */

/* Writes the normalised form into out and returns true when s has the shape
 * of a UK postcode (outward A9, A99, A9A, AA9, AA99 or AA9A; inward 9AA);
 * false, leaving out empty, otherwise. */
bool postcode_normalise(const char *s, char out[POSTCODE_SIZE]);

#endif
