FROM alpine:3.20
# want: DKS1022 "ENV BIN uses \$APP, which this same ENV sets"
ENV APP=/opt/app BIN=$APP/bin
# want: DKS1022 "ENV PATH uses \$PATH"
ENV PATH=/bla:${PATH} PATH=/blubb:${PATH}
