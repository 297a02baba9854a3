#!/usr/bin/env python3
"""Generates libtapix's dispatching front from the prototypes of include/tapix/tapi.h.

C cannot derive a function's parameter list, so this script reads every `LONG WINAPI name(...)`
prototype of tapi.h (leaving out the TAPI 3.0 functions, which stand inside
`#if TAPI_CURRENT_VERSION >= 0x0003...`) and writes:

  src/client/tapi_names.h  the X-macro lists TAPI_FUNCTIONS(X) (every TAPI 2.x function) and
                           TAPI_ERRORS(X) (every LINEERR_, PHONEERR_ and TAPIERR_ code);
  src/client/dispatch.c    the public definition of every function: trace the arguments, call
                           the current backend, trace the result.

Both are committed; the CTest test style.dispatch_in_sync reruns this script into the build
tree and compares. The output goes through clang-format (the project's .clang-format), so the
committed files pass the style check as they are.

Usage: gen-dispatch.py [--source-dir DIR] [--out-dir DIR] [--clang-format PATH]
"""

import argparse
import os
import re
import subprocess
import sys

HANDLE_TYPES = {"HCALL", "HCALLHUB", "HLINE", "HPHONE", "HLINEAPP", "HPHONEAPP", "HAGENT",
                "HAGENTSESSION"}
UINTPTR_TYPES = {"DWORD_PTR", "WPARAM"}
FUNCTION_POINTER_TYPES = {"LINECALLBACK", "PHONECALLBACK"}
# DWORD parameters that hold bit masks, modes, states or versions read best in hexadecimal.
HEX_DWORD_NAME = re.compile(
    r"(Version|Modes?|States?|Privileges?|Options?|Select|Devs?|Feature|StatusToChange)$")


def strip_comments(text):
    """Blanks out C comments, keeping line breaks so that line numbers stay right."""
    return re.sub(r"/\*.*?\*/", lambda m: re.sub(r"[^\n]", " ", m.group(0)), text, flags=re.S)


def tapi2_text(text):
    """The header's text without the lines inside `#if TAPI_CURRENT_VERSION >= 0x0003…` blocks."""
    kept, stack = [], []
    for line in text.split("\n"):
        directive = line.strip()
        if re.match(r"#\s*if", directive):
            stack.append(bool(re.search(r"TAPI_CURRENT_VERSION\s*>=\s*0x0003", directive)))
            kept.append("")
            continue
        if re.match(r"#\s*(else|elif)", directive) and stack and stack[-1]:
            sys.exit("gen-dispatch: #else inside a TAPI 3.0 block is not understood")
        if re.match(r"#\s*endif", directive):
            stack.pop()
            kept.append("")
            continue
        kept.append("" if any(stack) else line)
    return "\n".join(kept)


def parse_parameter(text, function):
    """(type, name) of one parameter declaration such as `const LINECALLPARAMS *lpCallParams`."""
    text = " ".join(text.split())
    m = re.match(r"^(.*?)\s*(\**)\s*(\w+)$", text)
    if not m:
        sys.exit(f"gen-dispatch: {function}: cannot read parameter '{text}'")
    ctype = m.group(1) + (" " + m.group(2) if m.group(2) else "")
    return ctype.strip(), m.group(3)


def parse_functions(header_text):
    """Every TAPI 2.x prototype of tapi.h as (name, [(type, name), …]), in header order."""
    text = tapi2_text(strip_comments(header_text))
    functions = []
    for m in re.finditer(r"LONG\s+WINAPI\s+(\w+)\s*\(([^)]*)\)\s*;", text):
        name, params = m.group(1), m.group(2).strip()
        plist = [] if params in ("", "void") else [parse_parameter(p, name)
                                                    for p in params.split(",")]
        functions.append((name, plist))
    if not functions:
        sys.exit("gen-dispatch: no prototypes found")
    return functions


def parse_errors(header_text):
    """The names of the LINEERR_, PHONEERR_ and TAPIERR_ codes, in header order."""
    return re.findall(r"^#define\s+((?:LINEERR|PHONEERR|TAPIERR)_\w+)\s", header_text, flags=re.M)


def trace_call(ctype, name, function):
    """The trace.h call that writes one argument, chosen by its type (and, for DWORD, name)."""
    if ctype in HANDLE_TYPES:
        return f'trace_hex(&t, "{name}", {name});'
    if ctype == "DWORD":
        kind = "hex" if HEX_DWORD_NAME.search(name) else "dec"
        return f'trace_{kind}(&t, "{name}", {name});'
    if ctype in UINTPTR_TYPES:
        return f'trace_uintptr(&t, "{name}", {name});'
    if ctype == "LPCSTR" and name.startswith("lpsz"):
        return f'trace_string(&t, "{name}", {name});'
    if ctype in FUNCTION_POINTER_TYPES:
        return f'trace_pointer(&t, "{name}", (const void *)(uintptr_t){name});'
    if ctype.endswith("*") or ctype.startswith("LP") or ctype in ("HWND", "HINSTANCE"):
        # Buffers with a size (lpsUserUserInfo), output strings (LPSTR) and structures: the
        # pointer only, never what it points to.
        return f'trace_pointer(&t, "{name}", {name});'
    sys.exit(f"gen-dispatch: {function}: no trace for parameter type '{ctype}'")


def declaration(name, params):
    """The C declarator of a function as tapi.h spells its parameters."""
    return f"LONG WINAPI {name}(" + ", ".join(
        f"{t}{'' if t.endswith('*') else ' '}{n}" for t, n in params) + ")"


NAMES_HEADER = """\
/*
 * tapi_names.h — generated by scripts/gen-dispatch.py from include/tapix/tapi.h; do not edit.
 *
 * The names tapi.h declares, as X-macro lists that the rest of libtapix expands: the backend
 * interface (one member per function), the embedded backend's declarations and table, and the
 * error-name table of the traces. TAPI 3.0 functions are left out: tapix implements TAPI 2.2.
 */
#ifndef TAPIX_TAPI_NAMES_H
#define TAPIX_TAPI_NAMES_H

#include <tapix/tapi.h>

/** How many functions TAPI_FUNCTIONS names. */
#define TAPI_FUNCTION_COUNT {count}

/** Applies X(name) to every TAPI 2.x function of tapi.h (line*, phone*, tapi*), in its order. */
#define TAPI_FUNCTIONS(X) {functions}

/** Applies X(name) to every LINEERR_, PHONEERR_ and TAPIERR_ code of tapi.h. */
#define TAPI_ERRORS(X) {errors}

#endif
"""

DISPATCH_HEAD = """\
/*
 * dispatch.c — generated by scripts/gen-dispatch.py from include/tapix/tapi.h; do not edit.
 *
 * The public definition of every TAPI function, the only ones libtapix exports besides the
 * tapix_ extensions. Each traces its arguments at debug level (TAPIX_LOG=debug) in one format,
 * `lineMakeCall(hLine=0x10002, lphCall=0x7ffd…, lpszDestAddress="102", dwCountryCode=0,
 * lpCallParams=NULL) = 0x10005`, hands the call to the backend tapix_backend_current() picks, and
 * traces the result (a request ID in hexadecimal, or the error's name). With debug traces off, a
 * function costs one test of the log level and one indirect call. Its contract is the one tapi.h
 * states for the function.
 */
#include <stdint.h>

#include "backend.h"
#include "trace.h"
"""


def dispatch_function(name, params):
    """The public definition of one function: trace the arguments, call the backend, trace."""
    lines = [f"TAPIX_EXPORT {declaration(name, params)}", "{", "struct trace t;"]
    if params:
        lines.append(f'if (trace_begin(&t, "{name}")) {{')
        lines += [trace_call(t, n, name) for t, n in params]
        lines.append("}")
    else:
        lines.append(f'trace_begin(&t, "{name}");')
    args = ", ".join(n for _, n in params)
    lines.append(f"return trace_end(&t, tapix_backend_current()->{name}({args}));")
    lines.append("}")
    return "\n".join(lines) + "\n"


def clang_format(text, path, clang, source_dir):
    """Formats generated C text as if it were the file `path` of the source tree."""
    result = subprocess.run([clang, "--style=file", f"--assume-filename={path}"], input=text,
                            capture_output=True, text=True, cwd=source_dir, check=False)
    if result.returncode != 0:
        sys.exit(f"gen-dispatch: clang-format failed: {result.stderr.strip()}")
    return result.stdout


def main():
    """Reads tapi.h and writes tapi_names.h and dispatch.c (see the module's docstring)."""
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--source-dir", default=os.path.dirname(here))
    parser.add_argument("--out-dir", help="where to write the files (default: src/client)")
    parser.add_argument("--clang-format", default="clang-format")
    opts = parser.parse_args()
    source_dir = os.path.abspath(opts.source_dir)
    out_dir = opts.out_dir or os.path.join(source_dir, "src", "client")

    with open(os.path.join(source_dir, "include", "tapix", "tapi.h"), encoding="utf-8") as f:
        header = f.read()
    functions = parse_functions(header)
    errors = parse_errors(header)

    def x_list(names):
        """The continuation lines of an X-macro list applying X to each name."""
        return "".join(f" \\\n    X({n})" for n in names)

    names_h = NAMES_HEADER.format(count=len(functions), functions=x_list(n for n, _ in functions),
                                  errors=x_list(errors))
    dispatch_c = DISPATCH_HEAD + "".join("\n" + dispatch_function(n, p) for n, p in functions)

    os.makedirs(out_dir, exist_ok=True)
    for filename, text in (("tapi_names.h", names_h), ("dispatch.c", dispatch_c)):
        formatted = clang_format(text, os.path.join("src", "client", filename), opts.clang_format,
                                 source_dir)
        with open(os.path.join(out_dir, filename), "w", encoding="utf-8") as f:
            f.write(formatted)


if __name__ == "__main__":
    main()
