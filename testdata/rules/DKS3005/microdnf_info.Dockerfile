# docker-library/openjdk's Oracle Linux shape, built in CI without -y.
FROM oraclelinux:9-slim
# want: DKS3005 info "microdnf install without -y"
RUN set -eux; \
	microdnf install \
		gzip \
		tar \
		binutils \
		freetype fontconfig \
	; \
	microdnf clean all
# dnf itself aborts at the prompt: a warning.
# want: DKS3005 warning "dnf install without -y"
RUN dnf install httpd && dnf clean all
