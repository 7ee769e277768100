FROM node:22
COPY package.json yarn.lock /app/
COPY foo bar "baz/"
COPY foo /app
COPY file:8b8864b3e02a33a579dc216fd51b28a6047bc8eeaa03045b258980fe0cf7fcb3 in /app
