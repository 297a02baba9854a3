/*
 * proxy.c — TAPI 2.2's ACD proxy: call-centre requests handled by an application.
 *
 * A switch's agent and queue features are often driven by a separate program (an ACD
 * server) rather than by the provider. That program opens a line with LINEOPENOPTION_PROXY
 * and lists, in its LINECALLPARAMS' DevSpecific part, the LINEPROXYREQUEST_ types it handles;
 * one application at a time may handle a type on a line. From then on the agent functions of
 * any application on that line (lineGetAgentStatus, lineSetAgentState, lineCreateAgent …)
 * become a LINEPROXYREQUEST handed to the proxy in LINE_PROXYREQUEST; the requester gets a
 * request ID at once. The proxy fills the structure and calls lineProxyResponse, which copies
 * the answer into the requester's buffer and sends the requester its LINE_REPLY. A request
 * still waiting when the proxy's line closes completes with LINEERR_OPERATIONFAILED: every
 * request gets exactly one reply.
 *
 * The buffer the proxy sees is laid out as Microsoft documents: the fixed part and the union
 * member of the request type, the embedded structure (whose offsets count from its own start)
 * sized as the requester's, then the strings (client machine and user name, agent ID, PIN)
 * whose offsets count from the start of the LINEPROXYREQUEST.
 */
#include "proxy.h"

#include <pwd.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define PROXY_TYPE_MAX LINEPROXYREQUEST_SETAGENTSTATEEX
#define NAME_MAX_LEN   256

/* The open of `dev` that handles requests of `type`, or NULL. */
static struct line_open *proxy_handler(struct line_device *dev, DWORD type)
{
    for (struct line_open *o = dev->opens; o; o = o->next_on_dev)
        if (o->proxy_requests & (1u << type))
            return o;
    return NULL;
}

DWORD proxy_types(const struct line_device *dev)
{
    DWORD types = 0;
    for (const struct line_open *o = dev->opens; o; o = o->next_on_dev)
        types |= o->proxy_requests;
    return types;
}

/* Tells the other TAPI 2.2 opens of the line that `open` started or stopped handling types. */
static void proxy_announce(struct line_open *open, DWORD status)
{
    for (struct line_open *o = open->dev->opens; o; o = o->next_on_dev) {
        if (o == open || o->api_version < 0x00020002)
            continue;
        for (DWORD type = 1; type <= PROXY_TYPE_MAX; type++)
            if (open->proxy_requests & (1u << type))
                app_post(o->app, o->handle, LINE_PROXYSTATUS, o->callback_instance, status, type,
                         0);
    }
}

LONG proxy_register(struct line_open *open, const LINECALLPARAMS *params)
{
    if (!params)
        return LINEERR_INVALPOINTER;
    DWORD size = params->dwDevSpecificSize;
    if (size == 0 || size % sizeof(DWORD))
        return LINEERR_INVALPARAM;
    const unsigned char *list = (const unsigned char *)params + params->dwDevSpecificOffset;
    DWORD mask = 0;
    for (DWORD i = 0; i < size / sizeof(DWORD); i++) {
        DWORD type;
        memcpy(&type, list + i * sizeof(DWORD), sizeof(type));
        if (type == 0 || type > PROXY_TYPE_MAX)
            return LINEERR_INVALPARAM;
        if (proxy_handler(open->dev, type))
            return LINEERR_NOTREGISTERED; /* another application handles it already */
        mask |= 1u << type;
    }
    open->proxy_requests = mask;
    proxy_announce(open, LINEPROXYSTATUS_OPEN);
    return 0;
}

/* Unlinks and frees a pending request. */
static void proxy_free(struct proxy_pending *p)
{
    for (struct proxy_pending **pp = &g_core.proxy; *pp; pp = &(*pp)->next)
        if (*pp == p) {
            *pp = p->next;
            break;
        }
    free(p->buf);
    free(p);
}

void proxy_forget_open(struct line_open *open)
{
    for (struct proxy_pending *p = g_core.proxy, *next; p; p = next) {
        next = p->next;
        if (p->handler == open) {
            request_complete(p->request_id, LINEERR_OPERATIONFAILED);
            proxy_free(p);
        }
    }
    if (open->proxy_requests)
        proxy_announce(open, LINEPROXYSTATUS_CLOSE);
    open->proxy_requests = 0;
}

/* This machine's name and the user the process runs as, for the proxy to see. */
static void proxy_client_names(char *machine, char *user)
{
    if (gethostname(machine, NAME_MAX_LEN) != 0)
        machine[0] = '\0';
    machine[NAME_MAX_LEN - 1] = '\0';
    const struct passwd *pw = getpwuid(geteuid());
    const char *name = pw ? pw->pw_name : getenv("USER");
    strncpy(user, name ? name : "", NAME_MAX_LEN - 1);
    user[NAME_MAX_LEN - 1] = '\0';
}

/* Allocates the buffer: fixed part, region, then room for the strings. */
static LONG proxy_alloc(const struct proxy_args *a, struct proxy_pending *p, const char *machine,
                        const char *user)
{
    size_t fixed = a->region + (size_t)a->region_size;
    if (fixed < sizeof(LINEPROXYREQUEST))
        fixed = sizeof(LINEPROXYREQUEST);
    fixed = (fixed + 7) & ~(size_t)7;
    size_t total = fixed + strlen(machine) + strlen(user) + 2 + a->strings;
    if (total > 0x7FFFFFFF || !(p->buf = calloc(1, total)))
        return LINEERR_NOMEM;
    p->tail = (DWORD)fixed;
    p->size = (DWORD)total;
    return 0;
}

LONG proxy_begin(const struct proxy_args *a, struct proxy_pending **pp)
{
    struct line_open *handler = proxy_handler(a->dev, a->type);
    if (!handler)
        return LINEERR_OPERATIONUNAVAIL;
    char machine[NAME_MAX_LEN], user[NAME_MAX_LEN];
    proxy_client_names(machine, user);
    struct proxy_pending *p = calloc(1, sizeof(*p));
    if (!p || proxy_alloc(a, p, machine, user) != 0) {
        free(p);
        return LINEERR_NOMEM;
    }
    *p = (struct proxy_pending){.buf = p->buf,
                                .tail = p->tail,
                                .size = p->size,
                                .handler = handler,
                                .app = a->app,
                                .inst = a->inst,
                                .out = a->out,
                                .out_kind = a->out_kind,
                                .region = a->region,
                                .region_size = a->region_size,
                                .out_handle = a->out_handle,
                                .handle_offset = a->handle_offset};
    unsigned char *region = (unsigned char *)p->buf + a->region;
    if (a->in)
        memcpy(region, a->in, a->region_size);
    else if (a->out_kind == PROXY_OUT_VARSTRUCT)
        memcpy(region, &a->region_size, sizeof(DWORD)); /* dwTotalSize, the rest zero */
    p->buf->dwSize = p->size;
    p->buf->dwClientAppAPIVersion = a->api_version;
    p->buf->dwRequestType = a->type;
    proxy_string(p, machine, &p->buf->dwClientMachineNameSize, &p->buf->dwClientMachineNameOffset);
    proxy_string(p, user, &p->buf->dwClientUserNameSize, &p->buf->dwClientUserNameOffset);
    *pp = p;
    return 0;
}

void proxy_string(struct proxy_pending *p, const char *s, DWORD *size, DWORD *offset)
{
    size_t len = s ? strlen(s) + 1 : 0;
    if (len <= 1 || p->tail + len > p->size) {
        *size = *offset = 0;
        return;
    }
    memcpy((char *)p->buf + p->tail, s, len);
    *size = (DWORD)len;
    *offset = p->tail;
    p->tail += (DWORD)len;
}

LONG proxy_send(struct proxy_pending *p)
{
    struct request *req = request_new(p->app, p->inst, REQ_PLAIN);
    if (!req) {
        free(p->buf);
        free(p);
        return LINEERR_NOMEM;
    }
    p->request_id = req->id;
    p->next = g_core.proxy;
    g_core.proxy = p;
    struct line_open *h = p->handler;
    app_post(h->app, h->handle, LINE_PROXYREQUEST, h->callback_instance, (DWORD_PTR)p->buf, 0, 0);
    return (LONG)req->id;
}

/* True while the requester of `p` still waits (it has not shut down). */
static bool proxy_requester_waits(const struct proxy_pending *p)
{
    for (const struct request *req = g_core.requests; req; req = req->next)
        if (req->id == p->request_id)
            return !req->dropped_app;
    return false;
}

/* Copies an embedded structure back, never past the requester's dwTotalSize. */
static void proxy_copy_varstruct(const struct proxy_pending *p)
{
    const unsigned char *src = (const unsigned char *)p->buf + p->region;
    DWORD total = p->region_size, needed, used;
    memcpy(&needed, src + sizeof(DWORD), sizeof(DWORD));
    memcpy(&used, src + 2 * sizeof(DWORD), sizeof(DWORD));
    if (used > total)
        used = total;
    if (used < 3 * sizeof(DWORD))
        used = 3 * sizeof(DWORD);
    if (needed < used)
        needed = used;
    unsigned char *dst = p->out;
    memcpy(dst + 3 * sizeof(DWORD), src + 3 * sizeof(DWORD), used - 3 * sizeof(DWORD));
    memcpy(dst + sizeof(DWORD), &needed, sizeof(DWORD));
    memcpy(dst + 2 * sizeof(DWORD), &used, sizeof(DWORD));
}

/* Hands the requester what the proxy filled in. */
static void proxy_copy_out(const struct proxy_pending *p)
{
    if (p->out_kind == PROXY_OUT_VARSTRUCT)
        proxy_copy_varstruct(p);
    else if (p->out_kind == PROXY_OUT_BYTES && p->region_size)
        memcpy(p->out, (const unsigned char *)p->buf + p->region, p->region_size);
    if (p->out_handle)
        memcpy(p->out_handle, (const unsigned char *)p->buf + p->handle_offset, sizeof(DWORD));
}

LONG proxy_respond(struct line_open *open, LPLINEPROXYREQUEST buf, LONG result)
{
    if (!open->proxy_requests)
        return LINEERR_NOTREGISTERED;
    if (!buf)
        return LINEERR_INVALPOINTER;
    if (result > 0)
        return LINEERR_INVALPARAM;
    struct proxy_pending *p = g_core.proxy;
    while (p && (p->buf != buf || p->handler != open))
        p = p->next;
    if (!p)
        return LINEERR_INVALPOINTER;
    if (result == 0 && proxy_requester_waits(p))
        proxy_copy_out(p);
    request_complete(p->request_id, result);
    proxy_free(p);
    return 0;
}
