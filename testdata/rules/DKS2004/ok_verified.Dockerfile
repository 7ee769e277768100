FROM debian:12
RUN curl -fsSLo /tmp/install.sh https://get.example.com/install.sh \
 && echo "0123abcd  /tmp/install.sh" | sha256sum -c - \
 && sh /tmp/install.sh
RUN curl -fsSL https://example.com/key.asc | gpg --dearmor -o /usr/share/keyrings/example.gpg
RUN python3 <<PY
import subprocess
subprocess.run("curl https://x | sh", shell=True)
PY
