FROM postgres:17-alpine
# docker-library/postgres: sticky directories (1777, 3777) are like /tmp.
RUN install --verbose --directory --owner postgres --group postgres --mode 1777 /var/lib/postgresql
RUN install --verbose --directory --owner postgres --group postgres --mode 3777 /var/run/postgresql
RUN install -Dm755 bin/tool /usr/local/bin/tool && install -d -m 0750 -o app -g app /app/data
RUN mkdir -p -m 755 /opt/app && mkdir -m 1777 /scratch && mkdir -m u+rwx,g+rx /srv
# -m of another command is not a mode.
RUN useradd -m -s /bin/bash app
