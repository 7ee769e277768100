FROM postgres:17-bookworm
# A setgid directory makes new files inherit its group; it grants nothing.
RUN install --verbose --directory --owner postgres --group postgres --mode 3777 /var/run/postgresql
RUN mkdir -m 2775 /srv/shared
