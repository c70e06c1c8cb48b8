/* observers.c: what a case looks at once its situation is built. */
#define _POSIX_C_SOURCE 200809L
#include "catalogue.h"
#include "sockutil.h"

#include <errno.h>
#include <string.h>
#include <sys/socket.h>

/* listen() must return 0 or -1 (A11); anything else is its own outcome. */
static int checked_listen(int fd, int backlog, struct obs *o)
{
	int r;
	errno = 0;
	r = listen(fd, backlog);
	if (r == 0)
		return 0;
	if (r == -1) {
		obs_errno(o, errno);
		return -1;
	}
	obs_word(o, "bad-return");
	obs_note(o, "listen() returned %d (A11 allows only 0 and -1)", r);
	return -1;
}

static const char *const listen_words[] = {"bad-return", NULL};

/* Token: ok, or the errno listen(fd, 5) failed with. */
static void do_listen(const struct lc_case *c, struct scene *s, struct obs *o)
{
	(void)c;
	if (checked_listen(s->fd, LC_ERRNO_BACKLOG, o) == 0)
		obs_ok(o);
}

const struct observer observe_listen = {"listen", do_listen, listen_words, 0};

static const char *const port_words[] = {"bad-return", "noport", NULL};

/* Token: ok when listen() succeeded and the socket has a port of its own
 * afterwards; noport when it succeeded without one; else the errno. */
static void do_listen_port(const struct lc_case *c, struct scene *s, struct obs *o)
{
	struct sockaddr_storage a;
	socklen_t alen = sizeof a;
	(void)c;
	if (checked_listen(s->fd, LC_ERRNO_BACKLOG, o) != 0)
		return;
	memset(&a, 0, sizeof a);
	if (getsockname(s->fd, (struct sockaddr *)&a, &alen) != 0) {
		obs_step_errno(o, "getsockname", errno);
		return;
	}
	if (sockaddr_port(&a) == 0) {
		obs_word(o, "noport");
		return;
	}
	obs_ok(o);
	obs_note(o, "listening on an ephemeral port");
}

const struct observer observe_listen_port = {"listen-port", do_listen_port, port_words, 0};

static int acceptconn(int fd, int *v, struct obs *o)
{
	socklen_t len = sizeof *v;
	*v = -1;
	if (getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, v, &len) != 0) {
		obs_step_errno(o, "getsockopt", errno);
		return -1;
	}
	return 0;
}

static const char *const acceptconn_words[] = {"bad-return", "set-before", "unset-after", NULL};

/* Token: ok when SO_ACCEPTCONN reads 0 before listen() and non-zero after;
 * set-before / unset-after name the half that failed; listen's errno if it
 * failed; getsockopt:ERRNO when the option cannot be read. */
static void do_acceptconn(const struct lc_case *c, struct scene *s, struct obs *o)
{
	int v;
	(void)c;
	if (acceptconn(s->fd, &v, o) != 0)
		return;
	if (v != 0) {
		obs_word(o, "set-before");
		return;
	}
	if (checked_listen(s->fd, LC_ERRNO_BACKLOG, o) != 0)
		return;
	if (acceptconn(s->fd, &v, o) != 0)
		return;
	if (v == 0)
		obs_word(o, "unset-after");
	else
		obs_ok(o);
}

const struct observer observe_acceptconn = {"acceptconn", do_acceptconn, acceptconn_words, 0};
