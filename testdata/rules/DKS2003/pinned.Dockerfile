FROM debian:12
# A URL that pins a git commit on a forge over HTTPS names fixed content:
# hygiene (info), not a warning (tianon/dockerfiles).
ENV READSB_COMMIT 6927c35799b1edc6801344aca31b1b6d2a3532f4
# want: DKS2003 info "pins a git commit on github.com"
RUN set -eux; \
	wget -O src.tgz "https://github.com/wiedehopf/readsb/archive/$READSB_COMMIT.tar.gz"; \
	tar -xvf src.tgz --strip-components=1; \
	rm src.tgz
ENV DIND_COMMIT 8d9e3502aba39127e4d12196dae16d306f76993d
# sh -n only parses the script; chmod +x is the use.
# want: DKS2003 info "/usr/local/bin/dind downloaded by wget \(line \d+\) is made executable .*pins a git commit"
RUN set -eux; \
	wget -O /usr/local/bin/dind "https://github.com/docker/docker/raw/${DIND_COMMIT}/hack/dind"; \
	sh -n /usr/local/bin/dind; \
	chmod +x /usr/local/bin/dind
# want: DKS2003 info "raw.githubusercontent.com"
ADD https://raw.githubusercontent.com/nginx/xslscript/9204424259c343ca08a18a78915f40f28025e093/xslscript.pl /usr/local/bin/
# A README or LICENSE fetched by ADD runs nothing (kaniko, buildah tests).
# want: DKS2003 info "text file \(README.md\)"
ADD https://raw.githubusercontent.com/GoogleContainerTools/kaniko/master/README.md /README.md
# want: DKS2003 info "text file \(LICENSE\)"
ADD https://github.com/openshift/origin/raw/main/LICENSE /
# A branch, a short commit or plain HTTP is not pinned.
# want: DKS2003 warning
RUN wget -O /usr/local/bin/dind-master "https://github.com/docker/docker/raw/master/hack/dind" && chmod +x /usr/local/bin/dind-master
# want: DKS2003 warning
RUN wget -O short.tgz "https://github.com/wiedehopf/readsb/archive/6927c35.tar.gz" && tar -xf short.tgz
# want: DKS2003 warning
ADD http://github.com/o/r/raw/6927c35799b1edc6801344aca31b1b6d2a3532f4/install.sh /
# want: DKS2003 warning
ADD https://example.com/6927c35799b1edc6801344aca31b1b6d2a3532f4/tool.tar.gz /opt/
# Running the script is still running it.
# want: DKS2003 info "executed by sh"
RUN wget -O /tmp/x.sh "https://raw.githubusercontent.com/o/r/6927c35799b1edc6801344aca31b1b6d2a3532f4/x.sh" && sh /tmp/x.sh
