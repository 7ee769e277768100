# -*- coding: utf-8 -*-
"""Every construct of Python 3.8 to 3.13 that the parser must read.

TestSyntaxFiles holds the tree of this file to CPython 3.13's when one is
at hand; the Go tests assert on its structure either way.
"""
from __future__ import annotations

import os.path as osp, subprocess as sp
from os import (system as run_shell,
                popen,)
from . import sibling
from ..pkg.mod import thing as other
import xml.etree.ElementTree

# f-strings: nesting, PEP 701 quote reuse, backslashes, comments, '=', specs
name = "world"
greeting = f"hello {name!r:>{10}} and {f'{name}'} and {f"{name}"}"
joined = f"{'\n'.join(['a', 'b'])}"
debug = f"{name = }{name=!s:^20}"
multi = f"""{
    name  # a comment inside the field
    .upper()
}"""
raw_f = rf"\d{name}\n" + Rf"{{}}" + fR'x' + FR"y"
braces = f"{{literal}} {{{name}}}"
nested_spec = f"{3.14159:{'.'}{2}f}"
conv = f"{name!a}{name!s}"
lam = f"{(lambda x: x * 2)(3)}"

# every string prefix
strings = (u"u", r"r", R"R", b"b", B"B", br"br", Br"Br", bR"bR", BR"BR",
           rb"rb", rB"rB", Rb"Rb", RB"RB", f"f", F"F", rf"rf", fr"fr")
escapes = "\x41\101\u00e9\U0001F600\N{BULLET}\t\\\'\"\q"
bytes_escapes = b"\x00\xff\101\n\q\u1234"
concat = "a" 'b' """c""" '''d'''
continued = "first line \
second line"
password = "hunter2"  # nosec B105

# walrus
if (n := len(name)) > 3:
    print(n)
data = [y for x in range(10) if (y := x * 2) > 4]

# positional-only, keyword-only, defaults, annotations
def params(a, b=1, /, c: int = 2, *args: int, d, e: str = "e", **kwargs) -> None:
    pass


def posonly(a, /):
    return a


def kwonly(*, key="secret", timeout=None):
    return key


lambda_defaults = lambda a, b=2, *c, d=4, **e: (a, b, c, d, e)
lambda_posonly = lambda x, /, y=1: x + y


# type parameters (3.12) with defaults (3.13)
def first[T](items: list[T]) -> T:
    return items[0]


class Box[T: (int, str), *Ts, **P]:
    pass


class Default[T = int, *Ts = *tuple[int], **P = [int]]:
    pass


type Alias = list[int]
type Pair[K, V = str] = tuple[K, V]
type = 3  # a soft keyword is still a name
match = {"type": type}

# async
async def fetch(session, urls):
    async with session.get(urls[0]) as resp, session.get(urls[1]):
        await resp.text()
    async for chunk in session.stream():
        yield chunk
    result = [await f() async for f in session.funcs() if await f()]
    return await session.close()


# decorators (PEP 614: any expression)
@property
@functools.lru_cache(maxsize=None)
@buttons[0].clicked.connect
@(lambda f: f)
def decorated():
    pass


# match statements
def handle(command, point):
    match command.split():
        case [action]:
            pass
        case [action, obj]:
            pass
        case ["go", direction] | ["move", direction]:
            pass
        case ["drop", *objects]:
            pass
        case {"x": 0, "y": y, **rest}:
            pass
        case Point(x=0, y=0) | Point(1, 2):
            pass
        case [Point(x=0, y=0), *_]:
            pass
        case -1 | 1.5 | 2 + 3j | -4 - 5j | "s" "t" | b"b" | None | True | False:
            pass
        case Color.RED:
            pass
        case (a, b) if a > b:
            pass
        case ((1 | 2) as inner) as outer:
            pass
        case {Color.RED.value: _}:
            pass
        case ():
            pass
        case []:
            pass
        case _:
            pass
    match point, command:
        case x, y:
            pass
    match(point)
    match[0] = 1
    match.x = 2
    print(match, type)


# except* (3.11)
try:
    pass
except* ValueError as eg:
    pass
except* (TypeError, KeyError):
    pass

try:
    pass
except Exception as e:
    raise RuntimeError("x") from e
else:
    pass
finally:
    pass

# parenthesized context managers (3.10)
with (
    open("a") as fa,
    open("b") as fb,
):
    pass
with (open("a"), open("b")):
    pass
with (open("a")) as f, open("b"):
    pass
with (yield_ := open("a")):
    pass

# line continuations and implicit joining
total = 1 + \
    2 + \
    3
call = sp.Popen(
    ["ls",
     "-l"],  # a comment in a call
    shell=True,
)
os.system("ls " +
          name)

# star expressions in new places
def stars(*args):
    return *args, 1
for item in *stars(), 2:
    pass
first_, *rest_ = stars(1, 2)
index = data[*rest_]
subscript = data[1:2, ::3, ...]

# assignments of every shape
a = b = c = 1
x, (y, z), *w = 1, (2, 3), 4
obj.attr = obj.items[0] = 5
counter: int = 0
(paren): int = 1
annotated_only: str
counter += 1
counter **= 2
counter //= 3
counter @= matrix
del a, b[0], obj.attr
global_name = None


def scopes():
    global global_name
    nonlocal_holder = 1

    def inner():
        nonlocal nonlocal_holder
        nonlocal_holder = 2
    return inner


# comprehensions
squares = {x: x * x for x in range(3)}
evens = {x for x in range(10) if x % 2 == 0 if x}
gen = sum(x for x in range(3))
nested = [[i * j for j in range(3)] for i in range(3)]

# operators
value = not a and b or c if d else e
shifted = (1 << 2) >> 1 | 3 & 4 ^ 5
arith = -1 + +2 - ~3 * 4 / 5 // 6 % 7 @ m ** -2 ** 3
compare = 1 < 2 <= 3 != 4 == 5 > 6 >= 7 is not None is None not in [] in []
numbers = (0, 00, 0_0, 1_000, 0x_FF, 0o17, 0b1010, 1e10, 1.5e-3, .5, 5., 1j, 1.5J, 1_0.0_1e1_0)
kw_numbers = [1for x in ()], 1if True else 2, 1or 2
ellipsis = ...
sql = "SELECT * FROM t WHERE id = %s" % name
sql2 = "SELECT * FROM t WHERE id = " + name
sql3 = "SELECT * FROM t WHERE id = {}".format(name)

assert isinstance(value, bool), "message"
print(*[1, 2], **{"sep": ""})
print(f"{'nested' + f'{"deep" + f"{name}"}'}")
while False:
    break
else:
    pass
for i in range(3):
    continue
else:
    pass
if a:
    pass
elif b:
    pass
elif c:
    pass
else:
    pass
x = yield_value if False else None


def gen_func():
    x = yield
    y = yield 1, 2
    z = yield from range(3)
    await_ = (yield)


class Plain(Base, metaclass=Meta, **extra):
    """Docstring."""
    attr: int = 1

    def method(self): return self; # trailing semicolon
