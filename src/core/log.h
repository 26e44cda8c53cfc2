#ifndef ALONGSIDE_CORE_LOG_H
#define ALONGSIDE_CORE_LOG_H

/*
 * Log lines go to stderr, one write(2) each so lines from the thread pool
 * never interleave.  Each line starts with a UTC timestamp and a level.
 * Log an error once, where it is handled; never log personal data.
 */

enum log_level { LOG_INFO, LOG_WARN, LOG_ERROR };

void log_msg(enum log_level level, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#define log_info(...) log_msg(LOG_INFO, __VA_ARGS__)
#define log_warn(...) log_msg(LOG_WARN, __VA_ARGS__)
#define log_error(...) log_msg(LOG_ERROR, __VA_ARGS__)

#endif
