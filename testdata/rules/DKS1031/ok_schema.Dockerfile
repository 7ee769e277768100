# settings: {"LabelSchema": {"required": "text"}, "StrictLabels": true}
FROM alpine:3.20
LABEL required="foo"
