# settings: {"LabelSchema": {"required": "text"}, "StrictLabels": true}
FROM alpine:3.20
# want: DKS1031 "label \"other\" is not in the label schema"
LABEL required="foo" other="bar"
