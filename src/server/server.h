#ifndef ALONGSIDE_SERVER_SERVER_H
#define ALONGSIDE_SERVER_SERVER_H

struct app;
struct err;

/*
 * The HTTP server: libmicrohttpd with a thread pool (one thread per core
 * unless configured) polling with epoll, in front of the route table.
 *
 * server_run() listens on the configured address, logs "listening on
 * http://HOST:PORT" (the real port when 0 was asked for), then serves until
 * SIGTERM or SIGINT.  It then stops accepting connections, lets requests in
 * flight finish (for up to SERVER_DRAIN_SECONDS), and returns 0.  It
 * returns -1 when it cannot start (address in use, bad route table).
 *
 * Per connection: at most max-connections are open at once (the next
 * waits in the listen queue) and max-connections-per-address from one
 * client (the next is closed at once, unanswered); each must send a
 * request line and headers within header-timeout seconds of opening or of
 * its last answer, and is closed after 30 seconds with nothing sent or
 * received.
 *
 * Per request: an arena, created when the request line arrives and freed
 * after the response is sent, or when the connection closes if
 * libmicrohttpd gave the request up; a request id sent back as
 * X-Request-Id; one access-log line (time, method, path without query,
 * status, bytes, microseconds) with no personal data.
 */

#define SERVER_DRAIN_SECONDS 30

int server_run(const struct app *app, struct err *e);

#endif
