# A small static image of jiandu: the policies, profiles, calendar and schema are embedded in the
# binary, so the image holds one file. Build: docker build -t jiandu .
FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags "-s -w" -o /out/jiandu ./cmd/jiandu

# the debug variant adds a busybox shell (used by deploy/cronjob.yaml to map a job index to a county)
FROM gcr.io/distroless/static-debian12:debug-nonroot
COPY --from=build /out/jiandu /usr/local/bin/jiandu
# large exports spill partitions to TMPDIR; mount a volume there for multi-million-record scans
ENV TMPDIR=/tmp
ENTRYPOINT ["/usr/local/bin/jiandu"]
CMD ["--help"]
