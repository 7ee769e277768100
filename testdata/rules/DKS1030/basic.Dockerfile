# settings: {"LabelSchema": {"foo": "text"}}
# want: DKS1030 "stage base has no label \"foo\""
FROM baseimage AS base
# want: DKS1030 "stage #1 has no label"
FROM base
FROM newimage
LABEL foo="bar"
# want: DKS1030
FROM other AS unlabelled
