# settings: {"LabelSchema": {"required": "text"}}
FROM alpine:3.20
LABEL other="bar"
