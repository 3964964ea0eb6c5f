/**
 * File › Share with a team… and File › Join a team plan…: the team server's address and the join
 * code a member was given, with the name the team will know them by.
 */
import { Button, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import { DialogFooter } from '../../components/DialogFooter';
import { useAction } from '../../components/use-action';
import { notify } from '../../layout/notify';
import { usePlanStore } from '../../stores/plan-store';
import { useTeamStore } from '../../stores/team-store';

interface Fields {
  server: string;
  code: string;
  name: string;
  email: string;
  path: string;
}

function useFields() {
  const [fields, setFields] = useState<Fields>({ server: '', code: '', name: '', email: '', path: '' });
  const field = (key: keyof Fields) => ({ value: fields[key], onChange: (e: React.ChangeEvent<HTMLInputElement>) => setFields({ ...fields, [key]: e.currentTarget.value }) });
  return { fields, field };
}

const optional = (text: string) => (text.trim() === '' ? undefined : text.trim());

function MemberFields({ field }: { field: ReturnType<typeof useFields>['field'] }) {
  return (
    <>
      <TextInput label="Team server" description="The address you were given, such as http://10.0.0.5:4100 or https://plans.example.com" placeholder="http://127.0.0.1:4100" required data-autofocus {...field('server')} />
      <TextInput label="Join code" description="It works once: it makes you a member, with a key kept on this computer." placeholder="WP-XXXX-XXXX-XXXX-XXXX" required {...field('code')} />
      <TextInput label="Your name" description="How the team sees your changes and decisions (empty: the name on the invitation)." {...field('name')} />
      <TextInput label="Your e-mail" {...field('email')} />
    </>
  );
}

export function ShareDialog({ opened, onClose }: { opened: boolean; onClose(): void }) {
  const { fields, field } = useFields();
  const { busy, error, run } = useAction();
  const info = usePlanStore((s) => s.info);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const shared = await run(async () => {
      const status = await api['team:share']({ server: fields.server, code: fields.code, name: optional(fields.name), email: optional(fields.email) });
      await useTeamStore.getState().load();
      notify(`Shared “${info?.name ?? 'the plan'}” with the team at ${status.server}. Changes now travel both ways whenever the server can be reached.`, 'ok');
    });
    if (shared) onClose();
  };
  return (
    <Modal opened={opened} onClose={onClose} title="Share this plan with a team" size="lg">
      <form onSubmit={submit}>
        <Stack>
          <Text size="sm" c="dimmed">
            The plan’s content is uploaded to the team server once, with a planner’s join code. Everyone keeps working on their own copy, also offline; changes travel when the server can be reached.
          </Text>
          <MemberFields field={field} />
          <DialogFooter error={error} errorTitle="Not shared" onCancel={onClose}>
            <Button type="submit" loading={busy}>
              Share
            </Button>
          </DialogFooter>
        </Stack>
      </form>
    </Modal>
  );
}

export function JoinDialog({ opened, onClose }: { opened: boolean; onClose(): void }) {
  const { fields, field } = useFields();
  const { busy, error, run } = useAction();
  const setInfo = usePlanStore((s) => s.setInfo);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const joined = await run(async () => {
      const info = await api['team:join']({ server: fields.server, code: fields.code, name: optional(fields.name), email: optional(fields.email), path: optional(fields.path) });
      setInfo(info);
      await useTeamStore.getState().load();
      notify(`Joined the team’s plan “${info.name}”: kept on this computer as ${info.fileName}.`, 'ok');
    });
    if (joined) onClose();
  };
  return (
    <Modal opened={opened} onClose={onClose} title="Join a team plan" size="lg">
      <form onSubmit={submit}>
        <Stack>
          <Text size="sm" c="dimmed">
            Makes a plan file on this computer from the team’s plan (a site lead’s holds their own sites) and opens it.
          </Text>
          <MemberFields field={field} />
          <TextInput label="Plan file" description="Where to keep it (empty: the plans folder)." placeholder="Team plan.waveplan" {...field('path')} />
          <DialogFooter error={error} errorTitle="Not joined" onCancel={onClose}>
            <Button type="submit" loading={busy}>
              Join
            </Button>
          </DialogFooter>
        </Stack>
      </form>
    </Modal>
  );
}
