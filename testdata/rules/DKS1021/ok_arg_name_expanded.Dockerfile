FROM scratch
ENV baz=baz src=file3
# BuildKit expands the ARG name: this declares file3.
ARG ${src}=context/bar/${baz}
COPY $file3 /baz
