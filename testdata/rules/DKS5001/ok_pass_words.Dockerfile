FROM debian:12
# PASS, PW and PWD first or alone, or inside another word, name no
# password: a proxy setting, login.defs ageing, test results, a tool's
# version, the shell's working directory.
ENV PASS_THROUGH_HEADERS=X-Request-Id
ENV PASS_MAX_DAYS=90
ENV BYPASS_CACHE=true
ENV COMPASS_VERSION=1.1.0
ENV KEEPASSXC_VERSION=2.7.9
ENV TESTS_PASSED=yes
ENV PWD=app
ENV OLDPWD=src
