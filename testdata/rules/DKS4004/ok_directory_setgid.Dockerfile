FROM postgres:17-bookworm
# A setgid directory makes new files inherit its group; it grants nothing.
RUN install --verbose --directory --owner postgres --group postgres --mode 3777 /var/run/postgresql
RUN mkdir -m 2775 /srv/shared
# chmod g+s of a directory the same RUN made: the npm-global sharing idiom
# of the devcontainer images, and CentOS's caddy image.
RUN mkdir -p ${NPM_GLOBAL} \
    && chown node:npm ${NPM_GLOBAL} \
    && chmod g+s ${NPM_GLOBAL}
RUN mkdir -p /var/www/html && chown -R 1001:0 /var/www && chmod -R g+s /var/www
