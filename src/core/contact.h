#ifndef ALONGSIDE_CORE_CONTACT_H
#define ALONGSIDE_CORE_CONTACT_H

#include <stdbool.h>

/* Checks on ways to reach someone, shared by every form that takes them. */

/* A UK phone number as people write it: digits, spaces, an optional
 * leading +, 10 to 13 digits in all. */
bool contact_phone_ok(const char *s);

/* An email address of a plain shape: one @, a dot in the domain, at most
 * 254 characters, nothing that could break out of a header or markup. */
bool contact_email_ok(const char *s);

#endif
