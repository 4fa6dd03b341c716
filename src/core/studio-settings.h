/* studio-settings.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/* The keys of the app's GSettings schema, named once. */

#define STUDIO_SETTING_BASE_URL          "base-url"
#define STUDIO_SETTING_ORGANIZATION      "organization"
#define STUDIO_SETTING_PROJECT           "project"
#define STUDIO_SETTING_INSECURE_BASE_URL "insecure-base-url"
#define STUDIO_SETTING_CHAT_MODEL        "chat-model"
#define STUDIO_SETTING_CUSTOM_MODELS     "custom-models"
#define STUDIO_SETTING_WINDOW_WIDTH      "window-width"
#define STUDIO_SETTING_WINDOW_HEIGHT     "window-height"
#define STUDIO_SETTING_WINDOW_MAXIMIZED  "window-maximized"
#define STUDIO_SETTING_WORKSPACE         "workspace"
#define STUDIO_SETTING_SPEECH_MODEL               "speech-model"
#define STUDIO_SETTING_SPEECH_VOICE               "speech-voice"
#define STUDIO_SETTING_SPEECH_CUSTOM_VOICE        "speech-custom-voice"
#define STUDIO_SETTING_SPEECH_INSTRUCTIONS        "speech-instructions"
#define STUDIO_SETTING_SPEECH_INSTRUCTION_PRESETS "speech-instruction-presets"
#define STUDIO_SETTING_SPEECH_SPEED               "speech-speed"
#define STUDIO_SETTING_SPEECH_FORMAT              "speech-format"
#define STUDIO_SETTING_SPEECH_STREAM_SSE          "speech-stream-sse"
