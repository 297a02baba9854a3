/*
 * proxy.h — forwarding call-centre requests to the application that handles them (see
 * proxy.c), shared by proxy.c and api_agent.c.
 */
#ifndef TAPIX_CORE_PROXY_H
#define TAPIX_CORE_PROXY_H

#include "core.h"

/* What lineProxyResponse copies back to the requester on success. */
enum proxy_out {
    PROXY_OUT_NONE,      /* a set function: only the result */
    PROXY_OUT_VARSTRUCT, /* a TAPI variable-size structure embedded in the request */
    PROXY_OUT_BYTES,     /* lineAgentSpecific's parameter block, byte for byte */
};

/** One request on its way to a proxy, or waiting for its lineProxyResponse. */
struct proxy_pending {
    LINEPROXYREQUEST *buf; /* what the proxy gets in LINE_PROXYREQUEST's dwParam1 */
    DWORD request_id;      /* the requester's dwRequestID */
    struct line_open *handler;
    struct app *app; /* the requester */
    DWORD_PTR inst;
    void *out; /* the requester's structure or parameter block */
    enum proxy_out out_kind;
    DWORD region, region_size;  /* the embedded structure / block within buf */
    DWORD *out_handle;          /* lphAgent or lphAgentSession, or NULL */
    DWORD handle_offset;        /* where the proxy writes that handle within buf */
    DWORD tail, size;           /* the next free byte for strings; the buffer's size */
    struct proxy_pending *next; /* in g_core.proxy */
};

/** What an agent function forwards. */
struct proxy_args {
    struct line_device *dev;
    struct app *app; /* the requester, its callback instance and API version */
    DWORD_PTR inst;
    DWORD api_version;
    DWORD type;        /* LINEPROXYREQUEST_ */
    DWORD region;      /* offset of the embedded structure or parameter block */
    DWORD region_size; /* its bytes: the requester's dwTotalSize, or the parameter size */
    const void *in;    /* copied into the region first; NULL: zeroed (dwTotalSize set) */
    void *out;
    enum proxy_out out_kind;
    DWORD *out_handle;
    DWORD handle_offset;
    DWORD strings; /* bytes of the strings the caller adds with proxy_string */
};

/**
 * Builds the LINEPROXYREQUEST for `a`: LINEERR_OPERATIONUNAVAIL when no application handles
 * requests of that type on the line, LINEERR_NOMEM; else 0 and *pp, to be completed by the
 * caller (the union's scalar members, proxy_string) and passed to proxy_send.
 */
LONG proxy_begin(const struct proxy_args *a, struct proxy_pending **pp);

/** Appends a NUL-terminated string (NULL: none) after the union; sets *size and *offset. */
void proxy_string(struct proxy_pending *p, const char *s, DWORD *size, DWORD *offset);

/**
 * Gives the request an ID and the proxy its LINE_PROXYREQUEST. Returns the positive request
 * ID, or LINEERR_NOMEM (then `p` is freed).
 */
LONG proxy_send(struct proxy_pending *p);

/** lineProxyResponse: completes the pending request `buf` of `open` with `result`. */
LONG proxy_respond(struct line_open *open, LPLINEPROXYREQUEST buf, LONG result);

/** The LINEPROXYREQUEST_ types any open of `dev` handles, bit n for type n. */
DWORD proxy_types(const struct line_device *dev);

#endif
