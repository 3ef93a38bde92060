"""The meetings service's RPC entrypoints, one mixin per area (the way the
documents service mixes in its formats entrypoints). ``MeetingsService`` in
``services.meetings.service`` combines them with the dependencies they use."""
