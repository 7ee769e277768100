# settings: {"LabelSchema": {"foo": "text"}}
FROM baseimage AS base
LABEL foo="bar"
FROM base AS child
FROM builder AS build
FROM anotherimage
LABEL foo="bar"
COPY --from=build /bar /baz
COPY --from=child /bar /baz2
