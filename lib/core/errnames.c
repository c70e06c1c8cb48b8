/* errnames.c: the errno names a listen() test can meet.
 *
 * The table holds every name the suite accepts in an expectation file.  A
 * name this system does not define is kept with value -1, so that an
 * expectation file written for another OS still parses here.  Where two names
 * share a value (EAGAIN/EWOULDBLOCK, ENOTSUP/EOPNOTSUPP on Linux) the first
 * one listed is the name an observation uses. */
#define _POSIX_C_SOURCE 200809L
#include "errnames.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

struct errname {
	const char *name;
	int value;
};

/* Order matters for aliases: the preferred spelling comes first. */
static const struct errname table[] = {
#ifdef E2BIG
	{"E2BIG", E2BIG},
#else
	{"E2BIG", -1},
#endif
#ifdef EACCES
	{"EACCES", EACCES},
#else
	{"EACCES", -1},
#endif
#ifdef EADDRINUSE
	{"EADDRINUSE", EADDRINUSE},
#else
	{"EADDRINUSE", -1},
#endif
#ifdef EADDRNOTAVAIL
	{"EADDRNOTAVAIL", EADDRNOTAVAIL},
#else
	{"EADDRNOTAVAIL", -1},
#endif
#ifdef EAFNOSUPPORT
	{"EAFNOSUPPORT", EAFNOSUPPORT},
#else
	{"EAFNOSUPPORT", -1},
#endif
#ifdef EAGAIN
	{"EAGAIN", EAGAIN},
#else
	{"EAGAIN", -1},
#endif
#ifdef EALREADY
	{"EALREADY", EALREADY},
#else
	{"EALREADY", -1},
#endif
#ifdef EBADF
	{"EBADF", EBADF},
#else
	{"EBADF", -1},
#endif
#ifdef EBADMSG
	{"EBADMSG", EBADMSG},
#else
	{"EBADMSG", -1},
#endif
#ifdef EBUSY
	{"EBUSY", EBUSY},
#else
	{"EBUSY", -1},
#endif
#ifdef ECANCELED
	{"ECANCELED", ECANCELED},
#else
	{"ECANCELED", -1},
#endif
#ifdef ECHILD
	{"ECHILD", ECHILD},
#else
	{"ECHILD", -1},
#endif
#ifdef ECONNABORTED
	{"ECONNABORTED", ECONNABORTED},
#else
	{"ECONNABORTED", -1},
#endif
#ifdef ECONNREFUSED
	{"ECONNREFUSED", ECONNREFUSED},
#else
	{"ECONNREFUSED", -1},
#endif
#ifdef ECONNRESET
	{"ECONNRESET", ECONNRESET},
#else
	{"ECONNRESET", -1},
#endif
#ifdef EDEADLK
	{"EDEADLK", EDEADLK},
#else
	{"EDEADLK", -1},
#endif
#ifdef EDESTADDRREQ
	{"EDESTADDRREQ", EDESTADDRREQ},
#else
	{"EDESTADDRREQ", -1},
#endif
#ifdef EDOM
	{"EDOM", EDOM},
#else
	{"EDOM", -1},
#endif
#ifdef EDQUOT
	{"EDQUOT", EDQUOT},
#else
	{"EDQUOT", -1},
#endif
#ifdef EEXIST
	{"EEXIST", EEXIST},
#else
	{"EEXIST", -1},
#endif
#ifdef EFAULT
	{"EFAULT", EFAULT},
#else
	{"EFAULT", -1},
#endif
#ifdef EFBIG
	{"EFBIG", EFBIG},
#else
	{"EFBIG", -1},
#endif
#ifdef EHOSTUNREACH
	{"EHOSTUNREACH", EHOSTUNREACH},
#else
	{"EHOSTUNREACH", -1},
#endif
#ifdef EIDRM
	{"EIDRM", EIDRM},
#else
	{"EIDRM", -1},
#endif
#ifdef EILSEQ
	{"EILSEQ", EILSEQ},
#else
	{"EILSEQ", -1},
#endif
#ifdef EINPROGRESS
	{"EINPROGRESS", EINPROGRESS},
#else
	{"EINPROGRESS", -1},
#endif
#ifdef EINTR
	{"EINTR", EINTR},
#else
	{"EINTR", -1},
#endif
#ifdef EINVAL
	{"EINVAL", EINVAL},
#else
	{"EINVAL", -1},
#endif
#ifdef EIO
	{"EIO", EIO},
#else
	{"EIO", -1},
#endif
#ifdef EISCONN
	{"EISCONN", EISCONN},
#else
	{"EISCONN", -1},
#endif
#ifdef EISDIR
	{"EISDIR", EISDIR},
#else
	{"EISDIR", -1},
#endif
#ifdef ELOOP
	{"ELOOP", ELOOP},
#else
	{"ELOOP", -1},
#endif
#ifdef EMFILE
	{"EMFILE", EMFILE},
#else
	{"EMFILE", -1},
#endif
#ifdef EMLINK
	{"EMLINK", EMLINK},
#else
	{"EMLINK", -1},
#endif
#ifdef EMSGSIZE
	{"EMSGSIZE", EMSGSIZE},
#else
	{"EMSGSIZE", -1},
#endif
#ifdef EMULTIHOP
	{"EMULTIHOP", EMULTIHOP},
#else
	{"EMULTIHOP", -1},
#endif
#ifdef ENAMETOOLONG
	{"ENAMETOOLONG", ENAMETOOLONG},
#else
	{"ENAMETOOLONG", -1},
#endif
#ifdef ENETDOWN
	{"ENETDOWN", ENETDOWN},
#else
	{"ENETDOWN", -1},
#endif
#ifdef ENETRESET
	{"ENETRESET", ENETRESET},
#else
	{"ENETRESET", -1},
#endif
#ifdef ENETUNREACH
	{"ENETUNREACH", ENETUNREACH},
#else
	{"ENETUNREACH", -1},
#endif
#ifdef ENFILE
	{"ENFILE", ENFILE},
#else
	{"ENFILE", -1},
#endif
#ifdef ENOBUFS
	{"ENOBUFS", ENOBUFS},
#else
	{"ENOBUFS", -1},
#endif
#ifdef ENODEV
	{"ENODEV", ENODEV},
#else
	{"ENODEV", -1},
#endif
#ifdef ENOENT
	{"ENOENT", ENOENT},
#else
	{"ENOENT", -1},
#endif
#ifdef ENOEXEC
	{"ENOEXEC", ENOEXEC},
#else
	{"ENOEXEC", -1},
#endif
#ifdef ENOLCK
	{"ENOLCK", ENOLCK},
#else
	{"ENOLCK", -1},
#endif
#ifdef ENOLINK
	{"ENOLINK", ENOLINK},
#else
	{"ENOLINK", -1},
#endif
#ifdef ENOMEM
	{"ENOMEM", ENOMEM},
#else
	{"ENOMEM", -1},
#endif
#ifdef ENOMSG
	{"ENOMSG", ENOMSG},
#else
	{"ENOMSG", -1},
#endif
#ifdef ENOPROTOOPT
	{"ENOPROTOOPT", ENOPROTOOPT},
#else
	{"ENOPROTOOPT", -1},
#endif
#ifdef ENOSPC
	{"ENOSPC", ENOSPC},
#else
	{"ENOSPC", -1},
#endif
#ifdef ENOSYS
	{"ENOSYS", ENOSYS},
#else
	{"ENOSYS", -1},
#endif
#ifdef ENOTCONN
	{"ENOTCONN", ENOTCONN},
#else
	{"ENOTCONN", -1},
#endif
#ifdef ENOTDIR
	{"ENOTDIR", ENOTDIR},
#else
	{"ENOTDIR", -1},
#endif
#ifdef ENOTEMPTY
	{"ENOTEMPTY", ENOTEMPTY},
#else
	{"ENOTEMPTY", -1},
#endif
#ifdef ENOTRECOVERABLE
	{"ENOTRECOVERABLE", ENOTRECOVERABLE},
#else
	{"ENOTRECOVERABLE", -1},
#endif
#ifdef ENOTSOCK
	{"ENOTSOCK", ENOTSOCK},
#else
	{"ENOTSOCK", -1},
#endif
#ifdef EOPNOTSUPP
	{"EOPNOTSUPP", EOPNOTSUPP},
#else
	{"EOPNOTSUPP", -1},
#endif
#ifdef ENOTSUP
	{"ENOTSUP", ENOTSUP},
#else
	{"ENOTSUP", -1},
#endif
#ifdef ENOTTY
	{"ENOTTY", ENOTTY},
#else
	{"ENOTTY", -1},
#endif
#ifdef ENXIO
	{"ENXIO", ENXIO},
#else
	{"ENXIO", -1},
#endif
#ifdef EOVERFLOW
	{"EOVERFLOW", EOVERFLOW},
#else
	{"EOVERFLOW", -1},
#endif
#ifdef EOWNERDEAD
	{"EOWNERDEAD", EOWNERDEAD},
#else
	{"EOWNERDEAD", -1},
#endif
#ifdef EPERM
	{"EPERM", EPERM},
#else
	{"EPERM", -1},
#endif
#ifdef EPIPE
	{"EPIPE", EPIPE},
#else
	{"EPIPE", -1},
#endif
#ifdef EPROTO
	{"EPROTO", EPROTO},
#else
	{"EPROTO", -1},
#endif
#ifdef EPROTONOSUPPORT
	{"EPROTONOSUPPORT", EPROTONOSUPPORT},
#else
	{"EPROTONOSUPPORT", -1},
#endif
#ifdef EPROTOTYPE
	{"EPROTOTYPE", EPROTOTYPE},
#else
	{"EPROTOTYPE", -1},
#endif
#ifdef ERANGE
	{"ERANGE", ERANGE},
#else
	{"ERANGE", -1},
#endif
#ifdef EROFS
	{"EROFS", EROFS},
#else
	{"EROFS", -1},
#endif
#ifdef ESPIPE
	{"ESPIPE", ESPIPE},
#else
	{"ESPIPE", -1},
#endif
#ifdef ESRCH
	{"ESRCH", ESRCH},
#else
	{"ESRCH", -1},
#endif
#ifdef ESTALE
	{"ESTALE", ESTALE},
#else
	{"ESTALE", -1},
#endif
#ifdef ETIMEDOUT
	{"ETIMEDOUT", ETIMEDOUT},
#else
	{"ETIMEDOUT", -1},
#endif
#ifdef ETXTBSY
	{"ETXTBSY", ETXTBSY},
#else
	{"ETXTBSY", -1},
#endif
#ifdef EWOULDBLOCK
	{"EWOULDBLOCK", EWOULDBLOCK},
#else
	{"EWOULDBLOCK", -1},
#endif
#ifdef EXDEV
	{"EXDEV", EXDEV},
#else
	{"EXDEV", -1},
#endif
#ifdef ESOCKTNOSUPPORT
	{"ESOCKTNOSUPPORT", ESOCKTNOSUPPORT},
#else
	{"ESOCKTNOSUPPORT", -1},
#endif
#ifdef EPFNOSUPPORT
	{"EPFNOSUPPORT", EPFNOSUPPORT},
#else
	{"EPFNOSUPPORT", -1},
#endif
#ifdef ESHUTDOWN
	{"ESHUTDOWN", ESHUTDOWN},
#else
	{"ESHUTDOWN", -1},
#endif
};

#define NTABLE (sizeof table / sizeof table[0])

const char *errno_name(int err, char *buf, size_t len)
{
	size_t i;
	for (i = 0; i < NTABLE; i++)
		if (table[i].value == err && err != -1)
			return table[i].name;
	snprintf(buf, len, "errno-%d", err);
	return buf;
}

int errno_value(const char *name)
{
	size_t i;
	for (i = 0; i < NTABLE; i++)
		if (strcmp(table[i].name, name) == 0)
			return table[i].value;
	return -1;
}

int errno_name_known(const char *name)
{
	size_t i;
	for (i = 0; i < NTABLE; i++)
		if (strcmp(table[i].name, name) == 0)
			return 1;
	return 0;
}
