// What `server-only` is on the server: nothing. The worker bundle (scripts/build-standalone.ts) runs lib/ outside Next.
export {};
