# The interpreter is a build argument with no default, but the distribution
# is written in the tag: Debian 10 is judged, as a warning.
ARG PYTHON_VERSION
# want: DKS2009 warning "Debian 10 \(buster\) left Debian LTS"
FROM python:${PYTHON_VERSION}-slim-buster
CMD ["python"]
