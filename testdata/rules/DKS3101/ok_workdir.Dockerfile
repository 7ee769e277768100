FROM alpine:3.20
WORKDIR /opt
RUN make
RUN echo cd is only an argument here
