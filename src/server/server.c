#include "server/server.h"

#include "core/arena.h"
#include "core/clock.h"
#include "core/config.h"
#include "core/err.h"
#include "core/id.h"
#include "core/log.h"
#include "core/netaddr.h"
#include "core/sb.h"
#include "db/db.h"
#include "geo/live.h"
#include "http/app.h"
#include "http/auth.h"
#include "http/client.h"
#include "http/http.h"
#include "server/conns.h"
#include "server/router.h"
#include "server/routes.h"
#include "web/pages.h"

#include <errno.h>
#include <microhttpd.h>
#include <netdb.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define MAX_QUERY_PARAMS 64
/* The largest form is a shared agreement at its limits: 12 goals of 12
 * steps, seven fields a step (domain/people/agreement.h). */
#define MAX_FORM_PARAMS 2048
#define MAX_LOGGED_PATH 256
#define CONNECTION_TIMEOUT_SECONDS 30
/* A body over the limit by at most this much is read and thrown away
 * before the 413 goes out, so that a client already sending it sees the
 * answer rather than a reset connection.  One declared larger is refused
 * at once, unread; one that grows larger as it streams in (chunked, its
 * size not declared) has its connection closed unanswered, as
 * libmicrohttpd can answer only before a body or after all of it. */
#define DISCARD_LIMIT (256u * 1024)
#define LISTEN_BACKLOG 1024

/* Sent with every response, after the Content-Security-Policy. */
static const struct http_param security_headers[] = {
	{"X-Content-Type-Options", "nosniff"},
	{"Referrer-Policy", "same-origin"},
	{"X-Frame-Options", "DENY"},
	{"Cross-Origin-Opener-Policy", "same-origin"},
};

struct server {
	const struct app *app;
	struct conns *conns;
	atomic_int in_flight;  /* requests from request line to completion */
	char csp[1024];
};

/* No inline script or style: pages load their JavaScript and CSS from
 * /assets only.  Images may also come from the map tile server, if one is
 * configured ("{s}" subdomains become a wildcard). */
static void build_csp(struct server *s, const char *tiles)
{
	char origin[300] = "";
	if (*tiles) {
		const char *host = tiles + strlen("https://");
		size_t n = strcspn(host, "/");
		snprintf(origin, sizeof origin, " https://%.*s", (int)n, host);
		char *sub = strstr(origin, "{s}");
		if (sub) {
			*sub = '*';
			memmove(sub + 1, sub + 3, strlen(sub + 3) + 1);
		}
	}
	snprintf(s->csp, sizeof s->csp,
		 "default-src 'self'; script-src 'self'; style-src 'self'; "
		 "img-src 'self' data:%s; font-src 'self'; connect-src 'self'; "
		 "object-src 'none'; base-uri 'none'; form-action 'self'; "
		 "frame-ancestors 'none'",
		 origin);
}

/* One HTTP request from request line to completion. */
struct exchange {
	struct server *server;
	struct conn *link;           /* the connection it came on */
	struct arena *arena;
	int64_t started_us;
	char request_id[17];
	const char *raw_uri;
	const char *log_method;
	const char *log_path;
	bool started;
	bool responded;
	bool refused;                /* `answer` holds the response already */
	unsigned long long discarded;
	unsigned long long discard_limit; /* of a refused body, read this much */
	struct http_response answer;
	struct sb body;
	struct route_result route;
	struct http_request req;
	void *geo_token;
	int status;
	size_t bytes;
};

static bool starts_with(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* Logs only printable ASCII: a request line is attacker-controlled, and a
 * log line must stay one line that no terminal interprets. */
static const char *printable(struct arena *a, const char *s, size_t max)
{
	struct sb out;
	sb_init(&out, a, max * 3 + 4);
	size_t i = 0;
	for (; s[i] && i < max; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x21 || c > 0x7e)
			sb_printf(&out, "%%%02X", c);
		else
			sb_putc(&out, (char)c);
	}
	if (s[i])
		sb_puts(&out, "...");
	return sb_str(&out);
}

static const char *lookup_header(const struct http_request *req,
				 const char *name)
{
	return MHD_lookup_connection_value(req->transport, MHD_HEADER_KIND, name);
}

static enum MHD_Result gather_forwarding(void *cls, enum MHD_ValueKind kind,
					 const char *name, const char *value)
{
	(void)kind;
	client_headers_add(cls, name, value);
	return MHD_YES;
}

/* The one client address of the request (http/client.h): the peer's, or
 * what a trusted proxy forwarded. */
static const char *client_address(struct arena *a, struct MHD_Connection *conn,
				  const struct netaddr_list *trusted)
{
	const union MHD_ConnectionInfo *info =
		MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	struct client_headers forwarding;
	client_headers_init(&forwarding, a);
	MHD_get_connection_values(conn, MHD_HEADER_KIND, gather_forwarding, &forwarding);
	return client_address_of(a, info ? info->client_addr : NULL, trusted, &forwarding);
}

/* The Open Referral UK API (api/oruk.c) is public and read-only: any site
 * may read it from a browser, its errors included. */
static bool is_open_api(const char *raw_uri)
{
	return starts_with(raw_uri, "/oruk/") || starts_with(raw_uri, "/oruk?") ||
	       strcmp(raw_uri, "/oruk") == 0;
}

static enum MHD_Result queue(struct exchange *x, struct MHD_Connection *conn,
			     const struct http_response *res)
{
	struct MHD_Response *r = MHD_create_response_from_buffer(
		res->body_len, (void *)res->body, MHD_RESPMEM_PERSISTENT);
	if (!r)
		return MHD_NO;
	bool has_cache_control = false;
	if (res->content_type)
		MHD_add_response_header(r, "Content-Type", res->content_type);
	for (size_t i = 0; i < res->header_count; i++) {
		MHD_add_response_header(r, res->headers[i].name,
					res->headers[i].value);
		has_cache_control |=
			strcmp(res->headers[i].name, "Cache-Control") == 0;
	}
	if (!has_cache_control)
		MHD_add_response_header(r, "Cache-Control", "no-store");
	MHD_add_response_header(r, "Content-Security-Policy", x->server->csp);
	for (size_t i = 0; i < sizeof security_headers / sizeof *security_headers;
	     i++)
		MHD_add_response_header(r, security_headers[i].name,
					security_headers[i].value);
	if (x->server->app->config->tls)
		MHD_add_response_header(r, "Strict-Transport-Security",
					"max-age=31536000; includeSubDomains");
	MHD_add_response_header(r, "X-Request-Id", x->request_id);
	if (is_open_api(x->raw_uri))
		MHD_add_response_header(r, "Access-Control-Allow-Origin", "*");
	enum MHD_Result ok =
		MHD_queue_response(conn, (unsigned)res->status, r);
	MHD_destroy_response(r);
	x->responded = true;
	x->status = res->status;
	x->bytes = res->body_len;
	return ok;
}

/* Renders a client error, or a 500 when even that cannot be rendered. */
static void build_error(struct exchange *x, struct http_response *res,
			int status, const char *code, const char *message)
{
	if (http_send_error(&x->req, res, status, code, message) < 0) {
		log_error("request %s: %s", x->request_id, x->req.err.msg);
		static const char fallback[] = "Internal Server Error\n";
		memset(res, 0, sizeof *res);
		http_send_static(res, 500, "text/plain; charset=utf-8",
				 fallback, sizeof fallback - 1);
	}
}

static enum MHD_Result fail(struct exchange *x, struct MHD_Connection *conn,
			    int status, const char *code, const char *message)
{
	struct http_response res = {0};
	build_error(x, &res, status, code, message);
	return queue(x, conn, &res);
}

/* Decides the answer before the body is read; it is sent once the body
 * has been read and thrown away, so the client is not cut off mid-send,
 * unless the body is longer than `discard`. */
static enum MHD_Result refuse(struct exchange *x, int status, const char *code,
			      const char *message, unsigned long long discard)
{
	build_error(x, &x->answer, status, code, message);
	x->refused = true;
	x->discard_limit = discard;
	return MHD_YES;
}

/* A browser asks before a cross-origin request it may not simply send (one
 * with a header of its own, such as an API key some reader adds): the open
 * API says yes to reading, and to any header, for a day.  Answered like a
 * refusal, before any body, and no handler runs. */
static enum MHD_Result preflight(struct exchange *x)
{
	http_send_static(&x->answer, 204, NULL, "", 0);
	http_add_header(&x->answer, "Access-Control-Allow-Methods",
			arena_strdup(x->arena, x->route.allow));
	const char *asked = x->req.header(&x->req, "Access-Control-Request-Headers");
	if (asked)
		http_add_header(&x->answer, "Access-Control-Allow-Headers",
				arena_strdup(x->arena, asked));
	http_add_header(&x->answer, "Access-Control-Max-Age", "86400");
	http_add_header(&x->answer, "Cache-Control", "public, max-age=86400");
	x->refused = true;
	x->discard_limit = 0;
	return MHD_YES;
}

static void *on_request_line(void *cls, const char *uri,
			     struct MHD_Connection *conn)
{
	struct server *s = cls;
	struct arena *a = arena_new();
	struct exchange *x = arena_alloc(a, sizeof *x);
	x->server = s;
	x->link = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_SOCKET_CONTEXT)
			  ->socket_context;
	x->arena = a;
	x->started_us = clock_monotonic_us();
	id_request(x->request_id);
	x->raw_uri = arena_strdup(a, uri);
	x->log_method = "-";
	/* Never the query, which may carry a postcode or a name: logged as it
	 * is if the request goes no further. */
	x->log_path = printable(a, arena_strndup(a, uri, strcspn(uri, "?")),
				MAX_LOGGED_PATH);
	/* Next, libmicrohttpd splits the query string in place, in its own
	 * buffer (this one), into records in its per-connection memory;
	 * 0.9.75, when they do not fit (some 450 parameters), neither answers
	 * nor completes the request but holds the connection until it times
	 * out.  The server never reads those records (it parses raw_uri
	 * itself), so the query ends here for libmicrohttpd: with nothing to
	 * split, too many parameters reach the router and are a 400. */
	char *query = strchr(uri, '?');
	if (query)
		query[1] = '\0';
	conns_attach(x->link, x);
	atomic_fetch_add(&s->in_flight, 1);
	return x;
}

static enum MHD_Result count_lengths(void *cls, enum MHD_ValueKind kind,
				     const char *key, const char *value)
{
	(void)kind;
	(void)value;
	*(unsigned *)cls += strcasecmp(key, "Content-Length") == 0;
	return MHD_YES;
}

/* A client that sent "Expect: 100-continue" waits for "100 Continue"
 * before it sends its body; libmicrohttpd sends that unless an answer is
 * queued on the first call. */
static bool expects_continue(struct MHD_Connection *conn)
{
	const char *expect =
		MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Expect");
	return expect && strcasecmp(expect, "100-continue") == 0;
}

/* Everything that can be decided from the request line and headers, before
 * any body is read: a body whose length is unclear or over the limit, a
 * malformed path, an unknown route or a wrong method. */
static enum MHD_Result on_headers(struct exchange *x,
				  struct MHD_Connection *conn,
				  const char *method)
{
	struct arena *a = x->arena;
	const struct app *app = x->server->app;
	const char *q = strchr(x->raw_uri, '?');
	size_t raw_path_len = q ? (size_t)(q - x->raw_uri) : strlen(x->raw_uri);
	char *raw_path = arena_strndup(a, x->raw_uri, raw_path_len);
	x->log_method = printable(a, method, 16);
	x->log_path = printable(a, raw_path, MAX_LOGGED_PATH);
	sb_init(&x->body, a, app->config->body_limit);

	struct http_request *req = &x->req;
	req->arena = a;
	req->app = app;
	req->method = arena_strdup(a, method);
	req->request_id = x->request_id;
	req->header = lookup_header;
	req->transport = conn;
	req->client_address = client_address(a, conn, &app->config->trusted_proxies);
	req->wants_json = starts_with(raw_path, "/api/") || is_open_api(raw_path);
	req->path = raw_path;
	req->target = x->raw_uri;
	if (app->geo) {
		geo_live_check(app->geo, app->db);
		struct geo_view view = geo_live_acquire(app->geo, &x->geo_token);
		req->map = view.map;
		req->postcodes = view.postcodes;
	}

	/* Checked before routing, whatever the request was sent to.  An
	 * answer queued now is sent at once: libmicrohttpd then reads none of
	 * the body and closes the connection.  Two Content-Length headers
	 * (even equal), or one beside Transfer-Encoding, leave where the body
	 * ends open to two readings, which a proxy in front and this server
	 * might not share. */
	unsigned lengths = 0;
	MHD_get_connection_values(conn, MHD_HEADER_KIND, count_lengths, &lengths);
	if (lengths > 1 || (lengths && MHD_lookup_connection_value(
					       conn, MHD_HEADER_KIND,
					       "Transfer-Encoding")))
		return fail(x, conn, 400, "bad_request",
			    "The request gives the length of its body more "
			    "than once.");
	const char *length =
		MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Content-Length");
	if (length) {
		char *end;
		errno = 0;
		unsigned long long n = strtoull(length, &end, 10);
		size_t limit = app->config->body_limit;
		if (errno || *end || n > limit + DISCARD_LIMIT)
			return fail(x, conn, 413, "body_too_large",
				    "The request body is larger than this "
				    "service accepts.");
		if (n > limit)
			return refuse(x, 413, "body_too_large",
				      "The request body is larger than this "
				      "service accepts.",
				      n);
	}

	char *path;
	if (urlenc_decode(a, raw_path, raw_path_len, false, &path) != URLENC_OK)
		return refuse(x, 400, "bad_request",
			    "The web address is malformed: it has a broken "
			    "percent-encoding or is not valid UTF-8.",
			    app->config->body_limit);
	req->path = path;

	switch (router_match(routes, route_count, method, path, a, &x->route)) {
	case ROUTE_NOT_FOUND:
		return refuse(x, 404, "not_found",
			    "There is no page at this address. If you typed "
			    "it, check it is correct.",
			    app->config->body_limit);
	case ROUTE_WRONG_METHOD: {
		if (strcmp(method, "OPTIONS") == 0 && is_open_api(x->raw_uri))
			return preflight(x);
		req->wants_json |= (x->route.path_flags & ROUTE_JSON) != 0;
		refuse(x, 405, "method_not_allowed",
		       "This address does not accept that kind of request.",
		       app->config->body_limit);
		if (x->answer.status == 405)
			http_add_header(&x->answer, "Allow",
					arena_strdup(a, x->route.allow));
		return MHD_YES;
	}
	case ROUTE_FOUND:
		break;
	}
	req->wants_json |= (x->route.route->flags & ROUTE_JSON) != 0;
	req->path_params = x->route.params;
	req->path_param_count = x->route.param_count;

	return MHD_YES;
}

static enum MHD_Result on_complete_body(struct exchange *x,
					struct MHD_Connection *conn)
{
	struct http_request *req = &x->req;
	struct arena *a = x->arena;
	req->body = sb_str(&x->body);
	req->body_len = x->body.len;

	const char *q = strchr(x->raw_uri, '?');
	if (q) {
		enum urlenc_result r = urlenc_parse_form(
			a, q + 1, strlen(q + 1), MAX_QUERY_PARAMS, &req->query,
			&req->query_count);
		if (r != URLENC_OK)
			return fail(x, conn, 400, "bad_query",
				    r == URLENC_TOO_MANY
					    ? "The web address has too many "
					      "parameters."
					    : "The web address has a malformed "
					      "parameter: a broken "
					      "percent-encoding or text that is "
					      "not valid UTF-8.");
	}
	const char *type = req->header(req, "Content-Type");
	if (type && starts_with(type, "application/x-www-form-urlencoded")) {
		enum urlenc_result r = urlenc_parse_form(
			a, req->body, req->body_len, MAX_FORM_PARAMS, &req->form,
			&req->form_count);
		if (r != URLENC_OK)
			return fail(x, conn, 400, "bad_form",
				    r == URLENC_TOO_MANY
					    ? "The form has too many fields."
					    : "The form could not be read: a "
					      "field has a broken encoding or "
					      "text that is not valid UTF-8.");
	}
	struct http_response res = {0};
	int allowed = http_auth(req, &res, x->route.route);
	if (allowed == AUTH_ANSWERED)
		return queue(x, conn, &res);
	/* Input after the caller: a refusal for role or CSRF says nothing
	 * about what the route takes. */
	int input = allowed < 0 ? -1 : router_check_input(req, &res, x->route.route);
	if (input == ROUTE_INPUT_ANSWERED)
		return queue(x, conn, &res);
	if (input < 0 || x->route.route->handler(req, &res) < 0) {
		log_error("request %s %s %s failed: %s", x->request_id,
			  x->log_method, x->log_path, req->err.msg);
		return fail(x, conn, 500, "internal",
			    "Something went wrong on our side. Please try again "
			    "later.");
	}
	return queue(x, conn, &res);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn,
				  const char *url, const char *method,
				  const char *version, const char *upload_data,
				  size_t *upload_data_size, void **con_cls)
{
	(void)cls;
	(void)url;
	(void)version;
	struct exchange *x = *con_cls;
	if (x->responded) {
		*upload_data_size = 0;
		return MHD_YES;
	}
	if (!x->started) {
		x->started = true;
		conns_headers_in(x->server->conns, x->link);
		enum MHD_Result r = on_headers(x, conn, method);
		/* Asked for a body only to throw it away, answer instead. */
		if (x->refused && !x->responded && expects_continue(conn))
			return queue(x, conn, &x->answer);
		return r;
	}
	if (*upload_data_size) {
		size_t size = *upload_data_size;
		*upload_data_size = 0;
		if (!x->refused) {
			sb_append(&x->body, upload_data, size);
			if (!sb_failed(&x->body))
				return MHD_YES;
			refuse(x, 413, "body_too_large",
			       "The request body is larger than this service "
			       "accepts.",
			       DISCARD_LIMIT);
		}
		x->discarded += size;
		return x->discarded > x->discard_limit ? MHD_NO : MHD_YES;
	}
	if (x->refused)
		return queue(x, conn, &x->answer);
	return on_complete_body(x, conn);
}

/* Writes the request's access line and frees everything it held. */
static void exchange_end(struct exchange *x)
{
	struct server *s = x->server;
	log_msg(LOG_INFO, "%s %s %d %zu %lldus %s", x->log_method, x->log_path,
		x->status, x->bytes,
		(long long)(clock_monotonic_us() - x->started_us),
		x->request_id);
	if (x->geo_token)
		geo_live_release(s->app->geo, x->geo_token);
	json_decref(x->req.json);
	arena_free(x->arena);
	atomic_fetch_sub(&s->in_flight, 1);
}

static void on_completed(void *cls, struct MHD_Connection *conn,
			 void **con_cls, enum MHD_RequestTerminationCode toe)
{
	(void)toe;
	struct server *s = cls;
	struct exchange *x = *con_cls;
	if (!x)
		return;
	if (!x->responded) { /* libmicrohttpd answered itself (431, 400...) */
		const union MHD_ConnectionInfo *status =
			MHD_get_connection_info(conn, MHD_CONNECTION_INFO_HTTP_STATUS);
		if (status)
			x->status = (int)status->http_status;
	}
	conns_answered(s->conns, x->link);
	exchange_end(x);
	*con_cls = NULL;
}

/* The per-address limit, before libmicrohttpd takes the connection on. */
static enum MHD_Result on_accept(void *cls, const struct sockaddr *addr,
				 socklen_t addr_len)
{
	(void)addr_len;
	struct server *s = cls;
	/* A trusted proxy carries many clients' connections: it is not held
	 * to the per-address limit. */
	bool limited = !netaddr_list_contains(&s->app->config->trusted_proxies, addr);
	return conns_admit(s->conns, addr, limited) ? MHD_YES : MHD_NO;
}

/* Connections opening and closing.  A request still attached at the close
 * is one libmicrohttpd gave up on without completing it (0.9.75 can, when
 * a request overflows its memory), so it is ended here. */
static void on_connection(void *cls, struct MHD_Connection *conn,
			  void **socket_context,
			  enum MHD_ConnectionNotificationCode code)
{
	struct server *s = cls;
	if (code == MHD_CONNECTION_NOTIFY_STARTED) {
		const union MHD_ConnectionInfo *fd =
			MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CONNECTION_FD);
		const union MHD_ConnectionInfo *addr = MHD_get_connection_info(
			conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
		*socket_context =
			conns_opened(s->conns, fd->connect_fd, addr->client_addr);
		return;
	}
	struct exchange *left = conns_closed(s->conns, *socket_context);
	*socket_context = NULL;
	if (left)
		exchange_end(left);
}

/* The server decodes paths and query strings itself, strictly; libmicrohttpd
 * must hand them over untouched. */
static size_t keep_escaped(void *cls, struct MHD_Connection *conn, char *s)
{
	(void)cls;
	(void)conn;
	return strlen(s);
}

static void on_mhd_log(void *cls, const char *fmt, va_list ap)
{
	(void)cls;
	char msg[512];
	vsnprintf(msg, sizeof msg, fmt, ap);
	size_t len = strlen(msg);
	while (len && (msg[len - 1] == '\n' || msg[len - 1] == '\r'))
		msg[--len] = '\0';
	log_warn("http: %s", msg);
}

static int resolve(const char *host, unsigned short port,
		   struct sockaddr_storage *out, socklen_t *out_len,
		   struct err *e)
{
	struct addrinfo hints = {.ai_socktype = SOCK_STREAM,
				 .ai_flags = AI_PASSIVE};
	struct addrinfo *found;
	char service[8];
	snprintf(service, sizeof service, "%u", port);
	int rc = getaddrinfo(host, service, &hints, &found);
	if (rc != 0)
		return err_set(e, "cannot resolve listen address %s: %s", host,
			       gai_strerror(rc));
	memcpy(out, found->ai_addr, found->ai_addrlen);
	*out_len = found->ai_addrlen;
	freeaddrinfo(found);
	return 0;
}

static void drain(struct server *s)
{
	int64_t deadline = clock_monotonic_us() +
			   (int64_t)SERVER_DRAIN_SECONDS * 1000000;
	while (atomic_load(&s->in_flight) > 0 &&
	       clock_monotonic_us() < deadline) {
		struct timespec pause = {0, 10 * 1000 * 1000};
		nanosleep(&pause, NULL);
	}
	int left = atomic_load(&s->in_flight);
	if (left > 0)
		log_warn("stopping with %d requests still in flight", left);
}

int server_run(const struct app *app, struct err *e)
{
	if (router_validate(routes, route_count, e) < 0)
		return -1;
	http_set_error_page(page_error);
	const struct config *cfg = app->config;
	struct sockaddr_storage addr;
	socklen_t addr_len;
	if (resolve(cfg->listen_host, cfg->listen_port, &addr, &addr_len, e) < 0)
		return -1;

	/* Block the stop signals before libmicrohttpd starts its threads, so
	 * they inherit the mask and only sigwait() below receives them. */
	sigset_t stop_signals;
	sigemptyset(&stop_signals);
	sigaddset(&stop_signals, SIGTERM);
	sigaddset(&stop_signals, SIGINT);
	pthread_sigmask(SIG_BLOCK, &stop_signals, NULL);
	signal(SIGPIPE, SIG_IGN);

	struct server s = {.app = app};
	s.conns = conns_new((size_t)cfg->max_connections,
			    (unsigned)cfg->max_connections_per_address,
			    cfg->header_timeout, e);
	if (!s.conns) {
		pthread_sigmask(SIG_UNBLOCK, &stop_signals, NULL);
		return -1;
	}
	build_csp(&s, cfg->map_tiles);
	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL |
			 MHD_USE_ITC | MHD_USE_ERROR_LOG;
	if (addr.ss_family == AF_INET6)
		flags |= MHD_USE_IPv6;
	unsigned threads = config_worker_threads(cfg);
	struct MHD_Daemon *d = MHD_start_daemon(
		flags, cfg->listen_port, on_accept, &s, on_request, &s,
		MHD_OPTION_EXTERNAL_LOGGER, on_mhd_log, NULL,
		MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr,
		MHD_OPTION_THREAD_POOL_SIZE, threads,
		MHD_OPTION_URI_LOG_CALLBACK, on_request_line, &s,
		MHD_OPTION_NOTIFY_COMPLETED, on_completed, &s,
		MHD_OPTION_NOTIFY_CONNECTION, on_connection, &s,
		MHD_OPTION_CONNECTION_LIMIT, (unsigned)cfg->max_connections,
		MHD_OPTION_UNESCAPE_CALLBACK, keep_escaped, NULL,
		MHD_OPTION_CONNECTION_TIMEOUT,
		(unsigned)CONNECTION_TIMEOUT_SECONDS,
		MHD_OPTION_LISTEN_BACKLOG_SIZE, (unsigned)LISTEN_BACKLOG,
		MHD_OPTION_END);
	if (!d) {
		conns_free(s.conns);
		pthread_sigmask(SIG_UNBLOCK, &stop_signals, NULL);
		return err_set(e, "cannot listen on %s:%u (in use, or not an "
				  "address of this machine?)",
			       cfg->listen_host, cfg->listen_port);
	}
	const union MHD_DaemonInfo *info =
		MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	unsigned port = info ? info->port : cfg->listen_port;
	bool v6 = addr.ss_family == AF_INET6;
	log_info("listening on http://%s%s%s:%u (%u threads, %d connections, "
		 "database %s)",
		 v6 ? "[" : "", cfg->listen_host, v6 ? "]" : "", port, threads,
		 cfg->max_connections, db_kind_name(app->db));

	int sig = 0;
	sigwait(&stop_signals, &sig);
	log_info("received %s: finishing requests in flight",
		 sig == SIGTERM ? "SIGTERM" : "SIGINT");
	/* Refuse new connections at once rather than leave them queued
	 * until the drain ends; shutdown, not close, because worker threads
	 * may still hold the descriptor until MHD_stop_daemon. */
	MHD_socket listener = MHD_quiesce_daemon(d);
	if (listener != MHD_INVALID_SOCKET)
		shutdown(listener, SHUT_RDWR);
	drain(&s);
	MHD_stop_daemon(d);
	conns_free(s.conns);
	if (listener != MHD_INVALID_SOCKET)
		close(listener);
	pthread_sigmask(SIG_UNBLOCK, &stop_signals, NULL);
	log_info("stopped");
	return 0;
}
