FROM debian:12
RUN wget --progress=dot:giga https://example.com/a
RUN wget -q https://example.com/a && wget -nv https://example.com/b
RUN wget -o /tmp/wget.log https://example.com/a
RUN wget -qO- https://example.com/a > /a
