# Builder stages that do not ship: info, whatever the tag shape. The
# shipped stage is a warning.
# want: DKS2009 info "Node\.js 14 reached end of life on 2023-04-30 .*this stage does not ship"
FROM node:14-alpine AS assets
RUN npm ci && npm run build

# want: DKS2009 info "Ruby 2\.7 reached end of life on 2023-03-31"
FROM ruby:2.7 AS gems
RUN bundle install

# want: DKS2009 info "PHP 7\.4 reached end of life on 2022-11-28"
FROM php:7.4-fpm AS php
RUN docker-php-ext-install pdo_mysql

# want: DKS2009 info "Debian 9 \(stretch\) left Debian LTS on 2022-06-30"
FROM debian:stretch AS stretch
RUN echo build

# want: DKS2009 info "Alpine 3\.12 reached end of life on 2022-05-01.* such as Alpine 3\.23"
FROM alpine:3.12 AS tools
RUN apk add --no-cache curl

# want: DKS2009 info "CentOS 8 reached end of life on 2021-12-31 .*AlmaLinux, Rocky Linux or UBI"
FROM centos:8 AS rpm
RUN dnf -y install rpm-build

# want: DKS2009 warning "CentOS 7 reached end of life on 2024-06-30"
FROM centos:7
COPY --from=assets /app/dist /srv/www
CMD ["/usr/sbin/httpd", "-DFOREGROUND"]
