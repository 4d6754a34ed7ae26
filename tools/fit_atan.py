#!/usr/bin/python3
"""Coefficients of the atan polynomial of include/arthrokin/detail/fast_trig.hpp.

atan(r) = r + r s P(s), s = r^2, |r| <= tan(pi/8): P is the degree-10 Chebyshev
approximation (mpmath.chebyfit, 60 digits) of (atan(sqrt(s)) - sqrt(s)) / (s sqrt(s))
on [0, tan(pi/8)^2]. Prints the coefficients (highest degree first; fast_trig.hpp
evaluates them by Estrin's scheme) and the approximation's own error bound.
Usage: python3 tools/fit_atan.py   (needs Debian's python3-mpmath)
"""
import mpmath as mp

mp.mp.dps = 60
t2 = mp.tan(mp.pi / 8) ** 2


def p(s):
    if s == 0:
        return mp.mpf(-1) / 3
    r = mp.sqrt(s)
    return (mp.atan(r) - r) / (s * r)


coef, err = mp.chebyfit(p, [0, t2], 11, error=True)
for c in coef:
    print("    %s," % mp.nstr(c, 21, min_fixed=-1, max_fixed=-1))
print("# max |P - p| on the interval: %s (of P; times r^3 <= 0.0711 in atan)" % mp.nstr(err, 3))
