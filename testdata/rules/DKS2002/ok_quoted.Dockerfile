FROM alpine:3.20
ADD "file.tgz" /usr/src/app/
ADD "http://example.com/file" /usr/src/app/
ADD file:8b8864b3e02a33a579dc216fd51b28a6047bc8eeaa03045b258980fe0cf7fcb3 in /xyz
ADD multi:8b8864b3e02a33a579dc216fd51b28a6047bc8eeaa03045b258980fe0cf7fcb3 /xyz
