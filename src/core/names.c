#include "core/names.h"

#include <string.h>

int names_index(const char *s, const char *const *names)
{
	for (int i = 0; s && names[i]; i++)
		if (strcmp(s, names[i]) == 0)
			return i;
	return -1;
}

bool names_contain(const char *const *ids, size_t count, const char *s)
{
	for (size_t i = 0; s && i < count; i++)
		if (strcmp(ids[i], s) == 0)
			return true;
	return false;
}
